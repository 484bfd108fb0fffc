package dev.filial.node.document;

import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.FieldError;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a document draft from JSON: the header fields a user may set and {@code lines}, a list of objects with
 * the line fields a user may set; everything else is the node's. Values are typed and conformed to their
 * columns; every problem is a field error ({@code number}, {@code lines[2].quantity}), all of them thrown
 * together as one {@link ValidationException}.
 */
public final class DocumentJson {

    /** A draft as read: the header values given, and its lines (null on an update that keeps them). */
    public record Input(Map<String, Value> header, List<Map<String, Value>> lines) {
    }

    private final Table header;
    private final Set<String> headerFields;
    private final Table line;
    private final Set<String> lineFields;
    private final String unknownLineField;

    /**
     * @param unknownLineField what a field error says of a line field the user may not set
     */
    public DocumentJson(Table header, Set<String> headerFields, Table line, Set<String> lineFields,
                        String unknownLineField) {
        this.header = header;
        this.headerFields = headerFields;
        this.line = line;
        this.lineFields = lineFields;
        this.unknownLineField = unknownLineField;
    }

    /**
     * Reads {@code json}; on an update ({@code creating} false) {@code kind} may not change and {@code lines}
     * may be left out.
     *
     * @throws ValidationException with every field error found
     */
    public Input read(Map<String, Object> json, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        json.forEach((name, raw) -> {
            if (name.equals("lines") || name.equals("id")) {
                return;
            }
            if (!headerFields.contains(name) || !creating && name.equals("kind")) {
                errors.add(new FieldError(name, "read-only", header.has(name)
                        ? "is set by the node, not by the user" : "is not a field of a " + noun()));
            } else {
                fields.put(name, raw);
            }
        });
        Map<String, Value> values = parse(header, fields, "", errors);
        List<Map<String, Value>> lines = null;
        Object rawLines = json.get("lines");
        if (rawLines != null || creating) {
            lines = new ArrayList<>();
            if (!(rawLines instanceof List<?> list)) {
                errors.add(new FieldError("lines", "required", "must be a list of lines"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String at = "lines[" + i + "].";
                    if (!(list.get(i) instanceof Map<?, ?> row)) {
                        errors.add(new FieldError("lines[" + i + "]", "type", "must be an object"));
                        continue;
                    }
                    Map<String, Object> given = new LinkedHashMap<>();
                    row.forEach((name, raw) -> {
                        if (lineFields.contains(String.valueOf(name))) {
                            given.put(String.valueOf(name), raw);
                        } else {
                            errors.add(new FieldError(at + name, "unknown", unknownLineField));
                        }
                    });
                    lines.add(parse(line, given, at, errors));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(header.name(), errors);
        }
        return new Input(values, lines);
    }

    private String noun() {
        return header.name().replace('_', ' ');
    }

    private static Map<String, Value> parse(Table table, Map<String, Object> json, String at, List<FieldError> errors) {
        try {
            return new LinkedHashMap<>(Conformance.conform(table, JsonValues.fromJson(table, json), false));
        } catch (ValidationException e) {
            e.errors().forEach(error -> errors.add(new FieldError(at + error.field(), error.code(), error.message())));
            return new LinkedHashMap<>();
        }
    }
}
