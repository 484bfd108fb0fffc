package dev.filial.node.stock;

import dev.filial.node.access.AccessDeniedException;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.capture.ChangeWriter;
import dev.filial.node.capture.Changes;
import dev.filial.node.capture.RowReader;
import dev.filial.node.document.DocumentJson;
import dev.filial.node.document.DocumentNumbers;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.AuditTrail;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Database;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stock documents: drafts with lines, posting into the ledger, reversal, and receiving a transfer from
 * another branch. Each operation is one captured transaction (header, lines, ledger entries, reservation
 * releases and an audit entry), so a document replicates as a unit. Only the node that owns a document
 * changes or posts it, and only in warehouses whose stock it holds ({@link StockScope}; HQ any).
 *
 * <p>The JSON of a draft is the header's fields ({@code kind}, {@code doc_date} (default today),
 * {@code warehouse_id}, {@code target_warehouse_id} for a transfer, {@code counterparty_id},
 * {@code order_id} for a shipment, {@code note}) and {@code lines}: a list of {@code product_id},
 * {@code quantity} (above 0), {@code counted} (inventory counts, at least 0) and {@code place_id}.
 */
public final class StockDocuments {

    private static final Set<Role> WRITERS = Set.of(Role.ADMIN, Role.MANAGER, Role.AGENT);
    private static final Set<Role> REVERSERS = Set.of(Role.ADMIN, Role.MANAGER);

    private final Database database;
    private final ChangeWriter writer;
    private final NodeCode node;
    private final DocumentNumbers numbers;
    private final AuditTrail audit;
    private final Posting posting;
    private final StockDrafts drafts;
    private final RowReader reader;
    private final StockScope scope;

    /** The stock documents of the node writing through {@code writer}, whose hub is {@code hub}. */
    public StockDocuments(Database database, ChangeWriter writer, NodeCode hub) {
        this.database = database;
        this.writer = writer;
        this.node = writer.origin();
        this.scope = new StockScope(node, hub);
        this.numbers = new DocumentNumbers(node);
        this.audit = new AuditTrail(node);
        this.posting = new Posting(scope, database.dialect(), new Reservations(database.dialect()));
        this.drafts = new StockDrafts(scope, database.dialect());
        this.reader = new RowReader(database.dialect());
    }

    /** Creates a draft from JSON; returns it with its lines. */
    public Map<String, Object> create(Actor actor, Map<String, Object> json) {
        require(actor, WRITERS, "create stock documents");
        DocumentJson.Input input = StockDrafts.JSON.read(json, true);
        return writer.write(changes -> written(changes, createDraft(changes, actor, input.header(), input.lines()),
                Map.of()));
    }

    /** Changes a draft: the header fields given, and all its lines when {@code lines} is given. */
    public Map<String, Object> update(Actor actor, String id, Map<String, Object> json) {
        require(actor, WRITERS, "change stock documents");
        DocumentJson.Input input = StockDrafts.JSON.read(json, false);
        return writer.write(changes -> {
            Posting.Loaded document = ownDraft(changes, id);
            Map<String, Value> header = new LinkedHashMap<>(document.header());
            header.putAll(input.header());
            drafts.check(changes, header, input.lines() != null ? input.lines() : linesOf(document));
            changes.update(Schema.STOCK_DOCUMENT, id, input.header());
            if (input.lines() != null) {
                document.lines().forEach(line -> changes.delete(Schema.STOCK_LINE, Posting.text(line, "id")));
                insertLines(changes, id, input.lines());
            }
            audit.record(changes, actor, "update", Schema.STOCK_DOCUMENT, id, document.number());
            return written(changes, id, Map.of());
        });
    }

    /** Deletes a draft and its lines. */
    public void delete(Actor actor, String id) {
        require(actor, WRITERS, "delete stock documents");
        writer.write(changes -> {
            Posting.Loaded document = ownDraft(changes, id);
            document.lines().forEach(line -> changes.delete(Schema.STOCK_LINE, Posting.text(line, "id")));
            changes.delete(Schema.STOCK_DOCUMENT, id);
            audit.record(changes, actor, "delete", Schema.STOCK_DOCUMENT, id, document.number());
            return null;
        });
    }

    /** Posts a draft into the ledger; returns it as posted, with its entries. */
    public Map<String, Object> post(Actor actor, String id) {
        require(actor, WRITERS, "post stock documents");
        return writer.write(changes -> {
            Posting.Loaded document = posting.load(changes, id);
            Map<String, Map<String, Value>> entries = post(changes, actor, document);
            // an inventory count rewrote its lines' quantities; other lines are as loaded
            Posting.Loaded posted = document.kind() == StockKind.INVENTORY ? posting.load(changes, id)
                    : new Posting.Loaded(id, changes.find(Schema.STOCK_DOCUMENT, id).orElseThrow(), document.lines());
            return json(posted, entries);
        });
    }

    /**
     * Reverses a posted document: a new document of the same kind, dated {@code date} (today when null),
     * whose entries undo the original's; the original becomes {@code reversed}. Returns the reversal.
     */
    public Map<String, Object> reverse(Actor actor, String id, LocalDate date) {
        require(actor, REVERSERS, "reverse stock documents");
        return writer.write(changes -> {
            requireOwn(posting.load(changes, id));
            String reversal = reverse(changes, actor, id, date, false);
            return written(changes, reversal, entriesOf(changes, reversal));
        });
    }

    /**
     * Reverses posted document {@code id} inside the caller's transaction, whichever node owns it and even if
     * it is itself a reversal (HQ settling a business conflict: a node's issue beyond stock, a document
     * reversed twice); dated {@code date}, today when null. Returns the reversal's id.
     */
    public String reverse(Changes changes, Actor actor, String id, LocalDate date) {
        return reverse(changes, actor, id, date, true);
    }

    private String reverse(Changes changes, Actor actor, String id, LocalDate date, boolean reversalAllowed) {
        LocalDate on = date != null ? date : LocalDate.now();
        Posting.Loaded original = posting.load(changes, id);
        drafts.checkReversible(changes, original, reversalAllowed);
        Map<String, Value> header = new LinkedHashMap<>(original.header());
        header.put("doc_date", Value.of(on));
        header.put("reverses_id", Value.of(id));
        header.put("note", Value.of("reversal of " + original.number()));
        String reversal = insertDraft(changes, actor, header, linesOf(original));
        posting.postReversal(changes, original, reversal, on);
        audit.record(changes, actor, "reverse", Schema.STOCK_DOCUMENT, id, original.number());
        return reversal;
    }

    private Map<String, Map<String, Value>> entriesOf(Changes changes, String id) {
        try {
            return reader.where(changes.connection(), Schema.STOCK_ENTRY, "document_id", List.of(id));
        } catch (SQLException e) {
            throw new StockException("reading the entries of " + id, e);
        }
    }

    /**
     * Receives a transfer another branch posted into one of this node's warehouses: a receipt of its lines
     * into the target warehouse, linked by {@code transfer_id}, posted at once. Returns the receipt.
     */
    public Map<String, Object> receive(Actor actor, String transferId, LocalDate date) {
        require(actor, WRITERS, "receive transfers");
        LocalDate on = date != null ? date : LocalDate.now();
        return writer.write(changes -> {
            Posting.Loaded transfer = posting.load(changes, transferId);
            drafts.checkReceivable(changes, transfer);
            Map<String, Value> header = new LinkedHashMap<>();
            header.put("kind", Value.of(StockKind.RECEIPT.code()));
            header.put("doc_date", Value.of(on));
            header.put("warehouse_id", transfer.header().get("target_warehouse_id"));
            header.put("transfer_id", Value.of(transferId));
            header.put("note", Value.of("receipt of transfer " + transfer.number()));
            List<Map<String, Value>> lines = new ArrayList<>();
            for (Map<String, Value> line : transfer.lines()) {
                lines.add(Map.of("product_id", line.get("product_id"), "quantity", line.get("quantity")));
            }
            String receipt = insertDraft(changes, actor, header, lines);
            return written(changes, receipt, post(changes, actor, receipt));
        });
    }

    /** A document with its lines and, once posted, its ledger entries. */
    public Map<String, Object> get(Actor actor, String id) {
        return database.read(connection -> view(connection, id));
    }

    /**
     * Creates a draft inside the caller's transaction (a sales shipment writes its order's changes in the
     * same one); returns its id.
     *
     * @throws dev.filial.node.store.ValidationException with a field error per bad field or line
     */
    public String createDraft(Changes changes, Actor actor, Map<String, Value> header,
                              List<Map<String, Value>> lines) {
        Map<String, Value> row = new LinkedHashMap<>(header);
        row.putIfAbsent("doc_date", Value.of(LocalDate.now()));
        drafts.check(changes, row, lines);
        return insertDraft(changes, actor, row, lines);
    }

    /** Posts draft {@code id} inside the caller's transaction; returns the ledger entries written, by id. */
    public Map<String, Map<String, Value>> post(Changes changes, Actor actor, String id) {
        return post(changes, actor, posting.load(changes, id));
    }

    private Map<String, Map<String, Value>> post(Changes changes, Actor actor, Posting.Loaded document) {
        String id = document.id();
        requireOwn(document);
        Map<String, Map<String, Value>> entries = posting.post(changes, document);
        audit.record(changes, actor, "post", Schema.STOCK_DOCUMENT, id, document.number());
        return entries;
    }

    private String insertDraft(Changes changes, Actor actor, Map<String, Value> header,
                               List<Map<String, Value>> lines) {
        StockKind kind = StockKind.parse(Posting.text(header, "kind")).orElseThrow();
        Map<String, Value> row = new LinkedHashMap<>(header);
        row.remove("id");
        try {
            row.put("number", Value.of(numbers.next(changes.connection(), Schema.STOCK_DOCUMENT.name(),
                    kind.series())));
        } catch (SQLException e) {
            throw new StockException("numbering a " + kind.code(), e);
        }
        row.put("status", Value.of("draft"));
        row.put("posted_at", Value.NULL);
        row.put("owning_branch", Value.of(node.toString()));
        row.put("author", Value.of(actor.login()));
        String id = changes.insert(Schema.STOCK_DOCUMENT, row);
        insertLines(changes, id, lines);
        audit.record(changes, actor, "create", Schema.STOCK_DOCUMENT, id, Posting.text(row, "number"));
        return id;
    }

    private static void insertLines(Changes changes, String id, List<Map<String, Value>> lines) {
        long number = 1;
        for (Map<String, Value> line : lines) {
            Map<String, Value> row = new LinkedHashMap<>();
            row.put("document_id", Value.of(id));
            row.put("line_no", Value.of(number++));
            row.put("product_id", line.get("product_id"));
            row.put("quantity", line.getOrDefault("quantity", Value.of(BigDecimal.ZERO)));
            row.put("counted", line.getOrDefault("counted", Value.NULL));
            row.put("place_id", line.getOrDefault("place_id", Value.NULL));
            changes.insert(Schema.STOCK_LINE, row);
        }
    }

    private static List<Map<String, Value>> linesOf(Posting.Loaded document) {
        List<Map<String, Value>> lines = new ArrayList<>();
        for (Map<String, Value> line : document.lines()) {
            Map<String, Value> copy = new LinkedHashMap<>(line);
            copy.remove("id");
            copy.remove("document_id");
            copy.remove("line_no");
            lines.add(copy);
        }
        return lines;
    }

    private Posting.Loaded ownDraft(Changes changes, String id) {
        Posting.Loaded document = posting.load(changes, id);
        requireOwn(document);
        if (!"draft".equals(Posting.text(document.header(), "status"))) {
            throw new RuleException("not-draft", "stock document " + document.number() + " is "
                    + Posting.text(document.header(), "status") + ", not a draft",
                    "a posted document is corrected by reversing it, never edited");
        }
        return document;
    }

    private void requireOwn(Posting.Loaded document) {
        String owner = Posting.text(document.header(), "owning_branch");
        if (!node.toString().equals(owner)) {
            throw new RuleException("not-yours", "stock document " + document.number() + " belongs to " + owner,
                    "only " + owner + " changes, posts or reverses it");
        }
    }

    private Map<String, Object> view(Connection connection, String id) {
        try {
            return json(connection, id);
        } catch (SQLException e) {
            throw new StockException("reading stock document " + id, e);
        }
    }

    private Map<String, Object> json(Connection connection, String id) throws SQLException {
        Map<String, Object> json = json(posting.load(connection, id));
        List<Map<String, Object>> entries = new ArrayList<>();
        reader.where(connection, Schema.STOCK_ENTRY, "document_id", List.of(id))
                .forEach((entryId, row) -> entries.add(JsonValues.toJson(entryId, row)));
        json.put("entries", entries);
        return json;
    }

    /** A document this transaction wrote, as JSON with the ledger {@code entries} it wrote. */
    private Map<String, Object> written(Changes changes, String id, Map<String, Map<String, Value>> entries) {
        return json(posting.load(changes, id), entries);
    }

    /** A document and the ledger {@code entries} it wrote, as JSON. */
    private static Map<String, Object> json(Posting.Loaded document, Map<String, Map<String, Value>> entries) {
        Map<String, Object> json = json(document);
        List<Map<String, Object>> rows = new ArrayList<>();
        entries.forEach((entryId, row) -> rows.add(JsonValues.toJson(entryId, row)));
        json.put("entries", rows);
        return json;
    }

    /** The header and lines as JSON. */
    private static Map<String, Object> json(Posting.Loaded document) {
        Map<String, Object> json = JsonValues.toJson(document.id(), document.header());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Value> line : document.lines()) {
            lines.add(JsonValues.toJson(Posting.text(line, "id"), withoutId(line)));
        }
        json.put("lines", lines);
        return json;
    }

    private static Map<String, Value> withoutId(Map<String, Value> row) {
        Map<String, Value> copy = new LinkedHashMap<>(row);
        copy.remove("id");
        return copy;
    }

    private static void require(Actor actor, Set<Role> roles, String what) {
        if (!roles.contains(actor.role())) {
            throw new AccessDeniedException(actor, what);
        }
    }

    /** Whether this node holds the stock of warehouse {@code warehouseId} ({@link StockScope}). */
    public boolean holds(Changes changes, String warehouseId) {
        return scope.holds(changes, warehouseId);
    }

    /** The id of the document {@code number} names, if this node has it. */
    public Optional<String> byNumber(String number) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM stock_document WHERE number = ?")) {
                select.setString(1, number);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
