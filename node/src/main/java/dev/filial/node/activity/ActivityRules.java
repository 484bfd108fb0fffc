package dev.filial.node.activity;

import dev.filial.node.entity.Rules;
import dev.filial.node.store.Schema;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Value;
import java.util.List;

/**
 * Calls, meetings, e-mails and tasks: kind and status from fixed lists, a linked counterparty and
 * contact person that exist (the contact must belong to the counterparty), a reminder not after
 * the due time. "Overdue" is not stored: it is a planned or in-progress activity past its due time.
 */
public final class ActivityRules {

    public static final List<String> KINDS = List.of("call", "meeting", "email", "task");
    public static final List<String> STATUSES = List.of("planned", "in_progress", "done", "cancelled");

    private ActivityRules() {
    }

    public static Rules activity(NodeCode branch) {
        return draft -> {
            if (draft.creating()) {
                if (!draft.present("status")) {
                    draft.set("status", Value.of("planned"));
                }
                if (!draft.present("owning_branch")) {
                    draft.set("owning_branch", Value.of(branch.toString()));
                }
            }
            draft.notBlank("subject");
            draft.oneOf("kind", KINDS);
            draft.oneOf("status", STATUSES);
            draft.references("counterparty_id", Schema.COUNTERPARTY);
            draft.text("contact_person_id").ifPresent(contact -> draft.transaction().find(Schema.CONTACT_PERSON, contact)
                    .ifPresentOrElse(person -> {
                        if (!person.get("counterparty_id").equals(draft.get("counterparty_id"))) {
                            draft.error("contact_person_id", "invalid", "the contact person belongs to another counterparty");
                        }
                    }, () -> draft.error("contact_person_id", "not-found", "no contact_person with id " + contact)));
            if (draft.get("remind_at") instanceof Value.Timestamp remind && draft.get("due_at") instanceof Value.Timestamp due
                    && remind.value().isAfter(due.value())) {
                draft.error("remind_at", "invalid", "the reminder must not be after the due time");
            }
            if ("done".equals(draft.text("status").orElse("")) && !draft.present("result")) {
                draft.error("result", "required", "say what came of it when marking it done");
            }
        };
    }
}
