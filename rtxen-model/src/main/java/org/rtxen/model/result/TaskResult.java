package org.rtxen.model.result;

/** Per-task job counts and response times; a job completing exactly at its deadline meets it. */
public record TaskResult(String name, long released, long completed, long missed, ResponseStats response) {}
