package dev.filial.hq.consolidation;

import java.util.Map;

/**
 * The conflict policies of {@code hq.yml}: a default for columns, one for update-vs-delete, and
 * overrides per table and per column.
 *
 * <pre>
 * conflicts:
 *   default: latest-wins
 *   updateVsDelete: delete-wins
 *   tables:
 *     counterparty:
 *       default: owner-wins
 *       columns: {credit_limit: hq-wins, name: manual}
 * </pre>
 */
public record ConflictPolicies(Policy columns, Policy updateVsDelete, Map<String, TablePolicies> tables) {

    public static final ConflictPolicies DEFAULT = new ConflictPolicies(Policy.LATEST_WINS, Policy.DELETE_WINS, Map.of());

    public ConflictPolicies {
        require(columns != null && !columns.forDeletes(), "the default column policy", columns);
        require(updateVsDelete != null && updateVsDelete.forDeletes(), "updateVsDelete", updateVsDelete);
        tables = tables == null ? Map.of() : Map.copyOf(tables);
        tables.forEach((table, policies) -> {
            require(policies.columns() == null || !policies.columns().forDeletes(), table + ".default", policies.columns());
            policies.byColumn().forEach((column, policy) ->
                    require(!policy.forDeletes(), table + ".columns." + column, policy));
        });
    }

    /** One table's overrides: its default column policy (null: the global one) and per-column policies. */
    public record TablePolicies(Policy columns, Map<String, Policy> byColumn) {

        public TablePolicies {
            byColumn = byColumn == null ? Map.of() : Map.copyOf(byColumn);
        }
    }

    /** The policy for a conflict on {@code column} of {@code table}. */
    public Policy of(String table, String column) {
        TablePolicies overrides = tables.get(table);
        if (overrides == null) {
            return columns;
        }
        Policy policy = overrides.byColumn().get(column);
        if (policy != null) {
            return policy;
        }
        return overrides.columns() != null ? overrides.columns() : columns;
    }

    private static void require(boolean valid, String where, Policy policy) {
        if (!valid) {
            throw new IllegalArgumentException("conflict policy " + (policy == null ? "(missing)" : policy.code())
                    + " cannot be used for " + where + ": columns take latest-wins, hq-wins, owner-wins or manual; "
                    + "updateVsDelete takes delete-wins or update-wins");
        }
    }
}
