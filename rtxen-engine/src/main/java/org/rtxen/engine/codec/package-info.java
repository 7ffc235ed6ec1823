/**
 * The codec SPI: how one policy's parameter records are read and written in scenario files
 * ({@link org.rtxen.engine.codec.ParamNode} in, {@link org.rtxen.engine.codec.ParamTree} out), turned into
 * {@code xl} commands and parsed back from them ({@link org.rtxen.engine.codec.XlChange}). Each policy implements
 * {@link org.rtxen.engine.codec.SchedulerCodec} beside its scheduler; rtxen-io implements the reading side over YAML.
 * Depends on the model only.
 */
package org.rtxen.engine.codec;
