package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;

/** The exit code of a completed run, and why: 0 when nothing was lost or duplicated and failures stayed in bounds. */
record Verdict(int exitCode, List<String> problems) {

    static final int OK = 0;
    static final int PROBLEMS = 1;
    static final int BAD_OPTIONS = 2;
    static final int RUN_FAILED = 3;

    static Verdict of(RunResult result, double maxFailuresPercent) {
        Counts c = result.counts();
        List<String> problems = new ArrayList<>();
        if (c.lost() > 0) {
            problems.add(c.lost() + " expected deliveries had not arrived by the end of the drain");
        }
        if (c.duplicates() > 0) {
            problems.add(c.duplicates() + " duplicate deliveries");
        }
        if (c.seqMissing() > 0) {
            problems.add(c.seqMissing() + " seqs missing after resuming");
        }
        if (c.failedPercent() > maxFailuresPercent) {
            problems.add(String.format("%d of %d connection attempts failed (%.2f%%, allowed %.2f%%)", c.failed(),
                    c.attempted(), c.failedPercent(), maxFailuresPercent));
        }
        return new Verdict(problems.isEmpty() ? OK : PROBLEMS, List.copyOf(problems));
    }
}
