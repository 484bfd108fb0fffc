package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.Map;

/**
 * Whose stock a node may move: a branch's own warehouses' ({@code owning_branch} is the node) and shared
 * ones'; HQ, which holds every row, any warehouse's. HQ routes a warehouse's ledger to exactly those
 * nodes, so a node keeps a whole ledger for every warehouse it posts to and its balance checks see every
 * movement it has been told of.
 */
public final class StockScope {

    private final NodeCode node;
    private final boolean hub;

    /** The scope of {@code node}, whose hub is {@code hub} (the same code at HQ). */
    public StockScope(NodeCode node, NodeCode hub) {
        this.node = node;
        this.hub = node.equals(hub);
    }

    /** Whether the node holds the stock of warehouse {@code warehouseId} (false for an unknown one). */
    public boolean holds(Changes changes, String warehouseId) {
        return warehouseId != null && changes.find(Schema.WAREHOUSE, warehouseId).map(this::holds).orElse(false);
    }

    /** Whether the node holds the stock of {@code warehouse} (its row). */
    public boolean holds(Map<String, Value> warehouse) {
        return hub || Value.of(true).equals(warehouse.get("shared"))
                || Value.of(node.toString()).equals(warehouse.get("owning_branch"));
    }
}
