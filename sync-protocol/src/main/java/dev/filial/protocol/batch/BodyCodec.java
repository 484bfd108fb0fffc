package dev.filial.protocol.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The body: a JSON array of transactions, each with its changes, streamed in both directions so a
 * body never has to be held as a tree. Text, integers, booleans and null are JSON's own; decimals,
 * dates and timestamps are one-field objects ({@code {"$dec":"12.50"}}, {@code {"$date":"2026-11-23"}},
 * {@code {"$ts":"2026-11-23T10:15:30Z"}}) so their type and scale survive the trip and no reader
 * rounds money through a double.
 *
 * <p>The codec works on any Jackson streaming factory; the format is JSON, and the benchmark runs
 * the same code over CBOR to compare them.
 */
public final class BodyCodec {

    static final String DECIMAL = "$dec";
    static final String DATE = "$date";
    static final String TIMESTAMP = "$ts";

    private final JsonFactory writeFactory;
    private final JsonFactory readFactory;

    private BodyCodec(JsonFactory writeFactory, JsonFactory readFactory) {
        this.writeFactory = writeFactory;
        this.readFactory = readFactory;
    }

    /** The JSON codec of the format, reading within {@code limits}. */
    public static BodyCodec json(ReaderLimits limits) {
        return new BodyCodec(new JsonFactory(), Json.strictFactory(limits.maxDepth(), limits.maxTextChars()));
    }

    /** The same layout over another Jackson format (CBOR, Smile); for measurements only. */
    public static BodyCodec over(JsonFactory factory) {
        return new BodyCodec(factory, factory);
    }

    /** Writes the transactions and returns what they hold. Does not close {@code out}. */
    public BodyStats write(Iterable<Transaction> transactions, OutputStream out) throws IOException {
        BodyStats.Counter counter = new BodyStats.Counter();
        try (JsonGenerator json = writeFactory.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            for (Transaction tx : transactions) {
                json.writeStartObject();
                json.writeStringField("id", tx.id());
                json.writeStringField("origin", tx.origin().toString());
                json.writeStringField("hlc", tx.hlc().toString());
                json.writeArrayFieldStart("changes");
                for (RowChange change : tx.changes()) {
                    writeChange(json, change);
                    counter.change(change.table());
                }
                json.writeEndArray();
                json.writeEndObject();
                counter.transaction();
            }
            json.writeEndArray();
        }
        return counter.stats();
    }

    private static void writeChange(JsonGenerator json, RowChange change) throws IOException {
        json.writeStartObject();
        json.writeStringField("table", change.table());
        json.writeStringField("row", change.rowId());
        json.writeStringField("op", change.operation().code());
        if (!change.newValues().isEmpty()) {
            writeValues(json, "new", change.newValues());
        }
        if (!change.oldValues().isEmpty()) {
            writeValues(json, "old", change.oldValues());
        }
        json.writeEndObject();
    }

    private static void writeValues(JsonGenerator json, String name, Map<String, Value> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (var entry : values.entrySet()) {
            json.writeFieldName(entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, Value value) throws IOException {
        if (value instanceof Value.Text text) {
            json.writeString(text.value());
        } else if (value instanceof Value.Int integer) {
            json.writeNumber(integer.value());
        } else if (value instanceof Value.Bool bool) {
            json.writeBoolean(bool.value());
        } else if (value instanceof Value.Decimal decimal) {
            tagged(json, DECIMAL, decimal.value().toString());
        } else if (value instanceof Value.Date date) {
            tagged(json, DATE, date.value().toString());
        } else if (value instanceof Value.Timestamp timestamp) {
            tagged(json, TIMESTAMP, timestamp.value().toString());
        } else {
            json.writeNull();
        }
    }

    private static void tagged(JsonGenerator json, String tag, String text) throws IOException {
        json.writeStartObject();
        json.writeStringField(tag, text);
        json.writeEndObject();
    }

    /**
     * Reads a body, handing each transaction to {@code sink} as soon as it is complete. A
     * rejection can come after some transactions were handed over: the caller commits nothing
     * before this returns.
     *
     * @throws BatchRejectedException with {@link RejectReason#INVALID_BODY}, {@link RejectReason#TOO_DEEP}
     *     or {@link RejectReason#TOO_MANY_CHANGES}; an I/O error of {@code in} passes through
     */
    public BodyStats read(InputStream in, long maxChanges, Consumer<Transaction> sink) throws IOException {
        BodyStats.Counter counter = new BodyStats.Counter();
        try (JsonParser parser = readFactory.createParser(in)) {
            expect(parser.nextToken() == JsonToken.START_ARRAY, "the body must be a JSON array of transactions");
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                Transaction tx = readTransaction(parser, counter, maxChanges);
                counter.transaction();
                sink.accept(tx);
            }
            expect(token == JsonToken.END_ARRAY, "the body array holds something other than transaction objects");
            expect(parser.nextToken() == null, "the body has content after its array");
        } catch (StreamConstraintsException e) {
            String message = e.getOriginalMessage();
            RejectReason reason = message != null && message.contains("nesting depth")
                    ? RejectReason.TOO_DEEP : RejectReason.INVALID_BODY;
            throw new BatchRejectedException(reason, "the body exceeds a parser limit: " + message, e);
        } catch (JsonProcessingException e) {
            throw new BatchRejectedException(RejectReason.INVALID_BODY,
                    "the body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return counter.stats();
    }

    private static Transaction readTransaction(JsonParser parser, BodyStats.Counter counter, long maxChanges)
            throws IOException {
        String id = null;
        String origin = null;
        String hlc = null;
        List<RowChange> changes = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "id" -> id = text(parser, token, field);
                case "origin" -> origin = text(parser, token, field);
                case "hlc" -> hlc = text(parser, token, field);
                case "changes" -> {
                    expect(token == JsonToken.START_ARRAY, "'changes' must be an array");
                    changes = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        if (counter.changes() >= maxChanges) {
                            throw new BatchRejectedException(RejectReason.TOO_MANY_CHANGES,
                                    "more than " + maxChanges + " changes");
                        }
                        RowChange change = readChange(parser);
                        counter.change(change.table());
                        changes.add(change);
                    }
                    expect(parser.currentToken() == JsonToken.END_ARRAY, "'changes' holds something other than objects");
                }
                default -> skipExtension(parser, field, "transaction");
            }
        }
        expect(id != null && origin != null && hlc != null && changes != null,
                "a transaction needs 'id', 'origin', 'hlc' and 'changes'");
        try {
            return new Transaction(id, NodeCode.parse(origin), Hlc.parse(hlc), changes);
        } catch (IllegalArgumentException e) {
            throw invalid("transaction " + id + ": " + e.getMessage());
        }
    }

    private static RowChange readChange(JsonParser parser) throws IOException {
        String table = null;
        String row = null;
        String op = null;
        Map<String, Value> newValues = Map.of();
        Map<String, Value> oldValues = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "table" -> table = text(parser, token, field);
                case "row" -> row = text(parser, token, field);
                case "op" -> op = text(parser, token, field);
                case "new" -> newValues = readValues(parser, token, field);
                case "old" -> oldValues = readValues(parser, token, field);
                default -> skipExtension(parser, field, "change");
            }
        }
        expect(table != null && row != null && op != null, "a change needs 'table', 'row' and 'op'");
        try {
            return new RowChange(table, row, Operation.fromCode(op), newValues, oldValues);
        } catch (IllegalArgumentException e) {
            throw invalid("change of " + table + " row " + row + ": " + e.getMessage());
        }
    }

    private static Map<String, Value> readValues(JsonParser parser, JsonToken token, String field) throws IOException {
        expect(token == JsonToken.START_OBJECT, "'" + field + "' must be an object of column values");
        Map<String, Value> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String column = parser.currentName();
            values.put(column, readValue(parser, parser.nextToken(), column));
        }
        return values;
    }

    private static Value readValue(JsonParser parser, JsonToken token, String column) throws IOException {
        return switch (token) {
            case VALUE_STRING -> Value.of(parser.getText());
            case VALUE_NUMBER_INT -> Value.of(parser.getLongValue());
            case VALUE_TRUE -> Value.of(true);
            case VALUE_FALSE -> Value.of(false);
            case VALUE_NULL -> Value.NULL;
            case START_OBJECT -> readTagged(parser, column);
            default -> throw invalid("column '" + column + "' has a " + token
                    + "; decimals are written as {\"$dec\":\"...\"}, never as JSON floats");
        };
    }

    private static Value readTagged(JsonParser parser, String column) throws IOException {
        expect(parser.nextToken() == JsonToken.FIELD_NAME, "column '" + column + "' has an empty object");
        String tag = parser.currentName();
        String text = text(parser, parser.nextToken(), column);
        expect(parser.nextToken() == JsonToken.END_OBJECT, "column '" + column + "' has a typed value with extra fields");
        try {
            return switch (tag) {
                case DECIMAL -> Value.of(new BigDecimal(text));
                case DATE -> Value.of(LocalDate.parse(text));
                case TIMESTAMP -> Value.of(Instant.parse(text));
                default -> throw invalid("column '" + column + "' has an unknown value type '" + tag + "'");
            };
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid("column '" + column + "' has an invalid " + tag + " value '" + text + "'");
        }
    }

    private static void skipExtension(JsonParser parser, String field, String where) throws IOException {
        expect(field.startsWith("x-"), "unknown field '" + field + "' in a " + where);
        parser.skipChildren();
    }

    private static String text(JsonParser parser, JsonToken token, String field) throws IOException {
        expect(token == JsonToken.VALUE_STRING, "'" + field + "' must be text");
        return parser.getText();
    }

    private static void expect(boolean condition, String detail) {
        if (!condition) {
            throw invalid(detail);
        }
    }

    private static BatchRejectedException invalid(String detail) {
        return new BatchRejectedException(RejectReason.INVALID_BODY, detail);
    }
}
