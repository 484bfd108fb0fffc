package dev.filial.node.activity;

import dev.filial.node.entity.ListQuery.Filter;
import dev.filial.node.entity.ListQuery.Operator;
import java.time.Instant;
import java.util.List;

/**
 * Named lists of activities whose condition depends on the time of asking, so they are not stored:
 * {@code overdue} (planned or in progress, due before now) and {@code reminders} (planned or in
 * progress, reminder time reached). Asked as {@code GET /api/activities?view=overdue}.
 */
public final class ActivityViews {

    /** The views there are, for messages. */
    public static final List<String> NAMES = List.of("overdue", "reminders");

    private ActivityViews() {
    }

    /**
     * The filters of view {@code name} at {@code now}.
     *
     * @throws IllegalArgumentException naming the views there are
     */
    public static List<Filter> filters(String name, Instant now) {
        String time;
        switch (name) {
            case "overdue":
                time = "due_at";
                break;
            case "reminders":
                time = "remind_at";
                break;
            default:
                throw new IllegalArgumentException("unknown view '" + name + "'; activities have " + NAMES);
        }
        return List.of(new Filter("status", Operator.NE, "done"), new Filter("status", Operator.NE, "cancelled"),
                new Filter(time, name.equals("overdue") ? Operator.LT : Operator.LTE, now.toString()));
    }
}
