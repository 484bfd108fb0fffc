package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.Map;
import java.util.Optional;

/**
 * Whose stock a node may move: its own warehouses' ({@code owning_branch} is the node) and shared ones'.
 * HQ routes a warehouse's ledger only there, so a node keeps a whole ledger for every warehouse it posts to
 * and its balance checks see every movement it has been told of.
 */
public final class StockScope {

    private StockScope() {
    }

    /** Whether {@code node} holds the stock of warehouse {@code warehouseId} (false for an unknown one). */
    public static boolean holds(Changes changes, NodeCode node, String warehouseId) {
        return warehouseId != null && changes.find(Schema.WAREHOUSE, warehouseId).map(row -> holds(node, row))
                .orElse(false);
    }

    public static boolean holds(NodeCode node, Map<String, Value> warehouse) {
        return Value.of(true).equals(warehouse.get("shared"))
                || Optional.ofNullable(Posting.text(warehouse, "owning_branch")).filter(node.toString()::equals)
                        .isPresent();
    }
}
