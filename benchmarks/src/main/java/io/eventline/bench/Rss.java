package io.eventline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of this process or another, from /proc (Linux); -1 where there is no /proc. */
final class Rss {

    private Rss() {}

    static double megabytes() {
        return megabytes(Path.of("/proc/self/status"));
    }

    /** The VmRSS line of a /proc/<pid>/status file, in MB; -1 where it cannot be read. */
    static double megabytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
