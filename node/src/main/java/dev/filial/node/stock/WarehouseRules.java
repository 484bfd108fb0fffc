package dev.filial.node.stock;

import dev.filial.node.capture.Changes;
import dev.filial.node.document.RuleException;
import dev.filial.node.entity.Draft;
import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.List;
import java.util.Map;

/**
 * Rules of warehouses and storage places. A new warehouse belongs to the node that creates it unless
 * {@code owning_branch} says otherwise; only its branch or HQ changes or deletes it (another node does not hold
 * its ledger, so it cannot tell whether stock moved there); once a stock document names it, its branch and
 * whether it is shared are fixed, because they decide which nodes hold its ledger.
 */
public final class WarehouseRules {

    public static final Rules STORAGE_PLACE = draft -> {
        draft.notBlank("code");
        draft.references("warehouse_id", Schema.WAREHOUSE);
    };

    private WarehouseRules() {
    }

    /** The rules at node {@code branch}, whose hub is {@code hub} (the same code at HQ). */
    public static Rules warehouse(NodeCode branch, NodeCode hub) {
        return new Rules() {
            @Override
            public void check(Draft draft) {
                if (!draft.creating() && !mayChange(branch, hub, draft.transaction().find(Schema.WAREHOUSE,
                        draft.id()).orElse(Map.of()))) {
                    draft.error("owning_branch", "not-yours", "the warehouse belongs to another branch; only that "
                            + "branch or HQ changes it");
                    return;
                }
                checkWarehouse(branch, draft);
            }

            @Override
            public void checkDelete(Changes changes, String id, Map<String, Value> row) {
                if (!mayChange(branch, hub, row)) {
                    throw new RuleException("not-yours", "warehouse " + text(row, "code") + " belongs to "
                            + text(row, "owning_branch"), "only that branch or HQ deletes it (this node does not "
                            + "hold its stock, so it cannot tell whether any moved there)");
                }
            }
        };
    }

    private static boolean mayChange(NodeCode branch, NodeCode hub, Map<String, Value> warehouse) {
        return branch.equals(hub) || Value.of(branch.toString()).equals(warehouse.get("owning_branch"));
    }

    private static void checkWarehouse(NodeCode branch, Draft draft) {
        if (draft.creating()) {
            if (!draft.present("owning_branch")) {
                draft.set("owning_branch", Value.of(branch.toString()));
            }
            if (!draft.present("shared")) {
                draft.set("shared", Value.of(false));
            }
            if (!draft.present("active")) {
                draft.set("active", Value.of(true));
            }
        }
        draft.notBlank("code");
        draft.notBlank("name");
        draft.unique("code");
        draft.text("owning_branch").filter(code -> !NodeCode.isValid(code)).ifPresent(code -> draft.error(
                "owning_branch", "invalid", "must be a node code such as MSK"));
        if (!draft.creating()) {
            Map<String, Value> stored = draft.transaction().find(Schema.WAREHOUSE, draft.id()).orElse(Map.of());
            for (String fixed : List.of("owning_branch", "shared")) {
                if (!draft.get(fixed).equals(stored.get(fixed))
                        && draft.exists(Schema.STOCK_DOCUMENT, "warehouse_id", draft.id())) {
                    draft.error(fixed, "fixed", "stock has moved through this warehouse; its branch and "
                            + "sharing can no longer change");
                }
            }
        }
    }

    private static String text(Map<String, Value> row, String column) {
        return row.get(column) instanceof Value.Text text ? text.value() : null;
    }

}
