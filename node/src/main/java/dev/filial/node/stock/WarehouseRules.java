package dev.filial.node.stock;

import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.List;
import java.util.Map;

/**
 * Rules of warehouses and storage places. A new warehouse belongs to the node that creates it unless
 * {@code owning_branch} says otherwise; once stock has moved through it, its branch and whether it is shared
 * are fixed, because they decide which nodes hold its ledger.
 */
public final class WarehouseRules {

    private WarehouseRules() {
    }

    public static Rules warehouse(NodeCode branch) {
        return draft -> {
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
                            && draft.exists(Schema.STOCK_ENTRY, "warehouse_id", draft.id())) {
                        draft.error(fixed, "fixed", "stock has moved through this warehouse; its branch and "
                                + "sharing can no longer change");
                    }
                }
            }
        };
    }

    public static final Rules STORAGE_PLACE = draft -> {
        draft.notBlank("code");
        draft.references("warehouse_id", Schema.WAREHOUSE);
    };
}
