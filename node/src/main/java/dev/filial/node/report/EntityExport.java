package dev.filial.node.report;

import dev.filial.node.access.Actor;
import dev.filial.node.entity.EntityService;
import dev.filial.node.entity.ListQuery;
import dev.filial.node.store.Column;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An entity list ({@code /api/{entity}} with its filters and sort) as rows to export: every matching row,
 * not one page, streamed from the database to the writer one row at a time, so a list of any length is never
 * held in memory. Columns: {@code id} and the table's columns, typed as stored.
 */
public final class EntityExport implements Tabular {

    private final EntityService entities;
    private final Actor actor;
    private final String entity;
    private final ListQuery query;
    private final List<ReportColumn> columns = new ArrayList<>();

    /** @throws dev.filial.node.entity.NotFoundException for an unknown entity */
    public EntityExport(EntityService entities, Actor actor, String entity, ListQuery query) {
        this.entities = entities;
        this.actor = actor;
        this.entity = entity;
        this.query = query;
        Table table = entities.entities().find(entity).table();
        columns.add(ReportColumn.text("id"));
        for (Column column : table.columns()) {
            columns.add(new ReportColumn(column.name(), switch (column.type()) {
                case INT -> ColumnKind.INTEGER;
                case DECIMAL -> ColumnKind.DECIMAL;
                case DATE -> ColumnKind.DATE;
                case TIMESTAMP -> ColumnKind.TIMESTAMP;
                case BOOL -> ColumnKind.BOOLEAN;
                default -> ColumnKind.TEXT;
            }));
        }
    }

    @Override
    public String title() {
        return entity;
    }

    @Override
    public List<ReportColumn> columns() {
        return columns;
    }

    @Override
    public void rows(RowSink sink) throws IOException {
        try {
            entities.each(actor, entity, query, (id, values) -> {
                List<Object> row = new ArrayList<>(columns.size());
                row.add(id);
                for (Map.Entry<String, Value> value : values.entrySet()) {
                    row.add(plain(value.getValue()));
                }
                try {
                    sink.row(row);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Object plain(Value value) {
        if (value instanceof Value.Text text) {
            return text.value();
        }
        if (value instanceof Value.Int number) {
            return number.value();
        }
        if (value instanceof Value.Decimal decimal) {
            return decimal.value();
        }
        if (value instanceof Value.Date date) {
            return date.value();
        }
        if (value instanceof Value.Timestamp timestamp) {
            return timestamp.value();
        }
        if (value instanceof Value.Bool flag) {
            return flag.value();
        }
        return null;
    }
}
