package org.rtxen.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Axis;
import org.rtxen.experiments.sweep.Sweep;

/**
 * A sweep's result rows as Spark rows: the columns, names, types and values of the local store's table {@code runs}
 * (docs/sweep.md, "Results"), in its order, so that both runners' Parquet files hold the same rows.
 */
public final class ResultRows {
    private ResultRows() {}

    /** The schema of {@code sweep}'s rows: the fixed columns, one per axis and one per analysis. */
    public static StructType schema(Sweep sweep) {
        List<StructField> f = new ArrayList<>();
        add(f, "run", DataTypes.StringType, false);
        add(f, "sweep", DataTypes.StringType, true);
        add(f, "utilization", DataTypes.DoubleType, true);
        add(f, "replication", DataTypes.IntegerType, true);
        add(f, "configuration", DataTypes.StringType, true);
        for (Axis a : sweep.axes()) add(f, unquoted(ResultStore.axisColumn(a.name())), DataTypes.StringType, true);
        add(f, "seed", DataTypes.LongType, true);
        add(f, "tasks", DataTypes.IntegerType, true);
        add(f, "task_utilization", DataTypes.DoubleType, true);
        for (String a : sweep.analyses()) add(f, unquoted(ResultStore.analysisColumn(a)), DataTypes.BooleanType, true);
        add(f, "released", DataTypes.LongType, true);
        add(f, "completed", DataTypes.LongType, true);
        add(f, "missed", DataTypes.LongType, true);
        add(f, "miss_ratio", DataTypes.DoubleType, true);
        add(f, "sim_schedulable", DataTypes.BooleanType, true);
        add(f, "max_domain_miss_ratio", DataTypes.DoubleType, true);
        add(f, "response_p99_ratio", DataTypes.DoubleType, true);
        add(f, "soundness_checked", DataTypes.BooleanType, true);
        add(f, "defects", DataTypes.StringType, true);
        add(f, "events", DataTypes.LongType, true);
        add(f, "wall_ms", DataTypes.DoubleType, true);
        add(f, "cpu_ms", DataTypes.DoubleType, true);
        add(f, "error", DataTypes.StringType, true);
        add(f, "cdf", DataTypes.StringType, true);
        add(f, "domains", DataTypes.StringType, true);
        return DataTypes.createStructType(f);
    }

    /** The row of {@code r}, with the values the local store writes (times in ms, lists as text). */
    public static Row row(Sweep sweep, RunResult r) {
        List<Object> v = new ArrayList<>();
        v.add(r.run());
        v.add(r.sweep());
        v.add(r.utilization());
        v.add(r.replication());
        v.add(r.configuration());
        for (Axis a : sweep.axes()) v.add(r.labels().get(a.name()));
        v.add(r.seed());
        v.add(r.tasks());
        v.add(r.taskUtilization());
        for (String a : sweep.analyses()) v.add(r.verdicts().get(a));
        v.add(r.released());
        v.add(r.completed());
        v.add(r.missed());
        v.add(r.missRatio());
        v.add(r.simSchedulable());
        v.add(r.maxDomainMissRatio());
        v.add(r.responseP99Ratio());
        v.add(r.soundnessChecked());
        v.add(String.join(",", r.defects()));
        v.add(r.events());
        v.add(r.wallNs() / 1e6);
        v.add(r.cpuNs() / 1e6);
        v.add(r.error());
        v.add(String.join(" ", r.cdf().stream().map(String::valueOf).toList()));
        v.add(r.domains());
        return RowFactory.create(v.toArray());
    }

    private static void add(List<StructField> fields, String name, DataType type, boolean nullable) {
        fields.add(DataTypes.createStructField(name, type, nullable));
    }

    private static String unquoted(String column) {
        return column.replace("\"", "");
    }
}
