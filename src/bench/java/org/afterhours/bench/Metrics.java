package org.afterhours.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The named figures of one server in one run of one scenario, and the arithmetic the table needs. */
final class Metrics {
    private final Map<String, Double> values = new LinkedHashMap<>();
    /** What the figures do not say: the failed calls by kind, for the shipped scenarios. */
    String note = "none";

    Metrics put(String name, double value) {
        values.put(name, value);
        return this;
    }

    double get(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    Map<String, Double> all() {
        return values;
    }

    /** Round-trip percentile in milliseconds; NaN when nothing was recorded. */
    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs.stream().filter(x -> !x.isNaN()).sorted().toList());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The median over runs of one figure. */
    static double median(List<Metrics> runs, String name) {
        return median(runs.stream().map(m -> m.get(name)).toList());
    }

    /** The median over runs of {@code top(run) / bottom(run)}: each ratio from the same run. */
    static double medianRatio(List<Metrics> tops, String topName, List<Metrics> bottoms, String bottomName) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(tops.size(), bottoms.size()); i++) {
            double bottom = bottoms.get(i).get(bottomName);
            ratios.add(bottom == 0 ? Double.NaN : tops.get(i).get(topName) / bottom);
        }
        return median(ratios);
    }
}
