package com.emailengine.core.campaign.timing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one of the tab-separated data files shipped beside these classes: UTF-8, blank lines and lines starting
 * with {@code #} skipped. Errors name the file and the line, as every configuration error of the engine does.
 */
record DataFile(String name, List<Row> rows) {

    /** One data line: its number in the file (1-based) and its tab-separated columns. */
    record Row(String file, int line, List<String> columns) {

        String column(int index) {
            return index < columns.size() ? columns.get(index) : "";
        }

        IllegalStateException error(String message) {
            return new IllegalStateException(file + " line " + line + ": " + message);
        }
    }

    DataFile {
        rows = List.copyOf(rows);
    }

    /** A missing resource is a packaging error, hence unchecked. */
    static DataFile resource(String name) {
        try (InputStream in = DataFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DataFile parse(String name, String text) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (String column : line.split("\t", -1)) {
                columns.add(column.strip());
            }
            rows.add(new Row(name, i + 1, columns));
        }
        return new DataFile(name, rows);
    }
}
