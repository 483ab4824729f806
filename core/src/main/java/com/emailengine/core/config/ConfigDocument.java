package com.emailengine.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML (or JSON, which is YAML) configuration document into {@link ConfigNode}s that keep
 * their line numbers. Jackson's tree model drops locations, hence this small reader over the
 * streaming parser. Thread-safe: holds no state between calls.
 */
public final class ConfigDocument {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private ConfigDocument() {
    }

    /** @param source the name errors will carry, usually the file name */
    public static ConfigMap parse(String source, String text) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ConfigException(source, 0, "the file is empty");
            }
            ConfigNode root = read(source, parser);
            return root.asMap("the document");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(source, at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, 0, "cannot be read: " + e.getMessage());
        }
    }

    private static ConfigNode read(String source, JsonParser parser) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, ConfigNode> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    if (entries.containsKey(key)) {
                        throw new ConfigException(source, keyLine, "key '" + key + "' appears twice");
                    }
                    entries.put(key, read(source, parser));
                }
                return new ConfigMap(source, line, entries);
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(source, parser));
                }
                return new ConfigList(source, line, items);
            }
            case VALUE_NULL -> {
                return new ConfigScalar(source, line, null);
            }
            default -> {
                return new ConfigScalar(source, line, parser.getText());
            }
        }
    }
}
