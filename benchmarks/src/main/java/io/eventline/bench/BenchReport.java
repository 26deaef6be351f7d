package io.eventline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** The results as a table, as JSON, and as two PNG charts (throughput, latency). */
public final class BenchReport {

    private BenchReport() {}

    public static void print(List<BenchResult> results, PrintStream out) {
        out.printf("%-10s %-62s %14s  %s%n", "group", "measure", "value", "unit / details");
        for (BenchResult r : results) {
            out.printf("%-10s %-62s %14.1f  %s %s%n", r.group(), r.name(), r.value(), r.unit(), r.details());
        }
    }

    public static void write(List<BenchResult> results, Map<String, Object> environment, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measuredAt", Instant.now().toString());
        json.put("environment", environment);
        json.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
        charts(results, dir);
    }

    /** Draws the charts again from the results.json in {@code dir}, without measuring anything. */
    public static void redraw(Path dir) throws IOException {
        record Saved(List<BenchResult> results) {}
        Saved saved = new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(dir.resolve("results.json").toFile(), Saved.class);
        charts(saved.results(), dir);
    }

    private static void charts(List<BenchResult> results, Path dir) throws IOException {
        bars(results.stream().filter(r -> r.unit().endsWith("/s") && !r.group().equals("queries")).toList(),
                "Throughput (per second, higher is better)", dir.resolve("throughput.png"));
        bars(results.stream().filter(r -> r.unit().startsWith("ms")).toList(),
                "Latency p99 in ms (lower is better)", dir.resolve("latency.png"));
    }

    /** A name short enough for the chart's label column (the table and JSON keep it whole). */
    static String label(String name) {
        String shorter = name.replace("command-service throughput (backlog, mixed commands)", "command service")
                .replace("read-model rebuild: ", "rebuild ").replace("command -> result at ", "command -> result ")
                .replace(PostgresBench.NAME + ", ", "PostgreSQL ").replace("synchronous_commit ", "sync ");
        return shorter.length() <= 58 ? shorter : shorter.substring(0, 57) + "…";
    }

    /** A horizontal bar chart on a log-free linear scale, labelled with each value. */
    static void bars(List<BenchResult> rows, String title, Path file) throws IOException {
        int width = 1000;
        int rowHeight = 34;
        int height = 70 + rows.size() * rowHeight;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double max = rows.stream().mapToDouble(BenchResult::value).max().orElse(1);
        int labelWidth = 430;
        int barMax = width - labelWidth - 140;
        for (int i = 0; i < rows.size(); i++) {
            BenchResult r = rows.get(i);
            int y = 55 + i * rowHeight;
            g.setColor(Color.DARK_GRAY);
            g.drawString(label(r.name()), 20, y + 17);
            int bar = (int) Math.max(1, r.value() / max * barMax);
            g.setColor(r.group().equals("limit") || r.name().startsWith("bare") ? new Color(150, 150, 150) : new Color(40, 110, 190));
            g.fillRect(labelWidth, y + 4, bar, rowHeight - 12);
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1));
            g.drawString(String.format("%,.1f %s", r.value(), r.unit()), labelWidth + bar + 8, y + 17);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
