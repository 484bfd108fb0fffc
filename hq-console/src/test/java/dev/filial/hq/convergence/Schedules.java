package dev.filial.hq.convergence;

import dev.filial.hq.convergence.Schedule.Action;
import dev.filial.hq.convergence.Schedule.Fault;
import dev.filial.hq.convergence.Schedule.Member;
import dev.filial.node.store.Engine;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates {@link Schedule}s: one to three branches and one or two agents (three to five nodes), one
 * of them sometimes on Derby, HQ's conflict policies (mostly the defaults) and negative-stock rule, and 20 to 60
 * steps mixing edits at every site (stock documents among them) with sends, serves, faulty deliveries and the odd
 * restart. Edits pick from few rows and few columns, so sites collide on the same ones.
 */
final class Schedules {

    static final int MIN_STEPS = 20;
    static final int MAX_STEPS = 60;
    private static final String[] BRANCHES = {"MSK", "SPB", "KZN"};
    private static final String[] AGENTS = {"AG1", "AG2"};

    private Schedules() {
    }

    static Arbitrary<Schedule> schedules() {
        return Combinators.combine(members(), policies()).as(Tuple::of).flatMap(network -> steps(network.get1().size())
                .list().ofMinSize(MIN_STEPS).ofMaxSize(MAX_STEPS)
                .map(steps -> new Schedule(network.get1(), network.get2(), steps)));
    }

    /** Mostly HQ's defaults (latest-wins, delete-wins), else any other policy; both negative-stock rules. */
    private static Arbitrary<Schedule.Policies> policies() {
        Arbitrary<String> columns = Arbitraries.frequency(Tuple.of(3, "latest-wins"), Tuple.of(1, "hq-wins"),
                Tuple.of(1, "owner-wins"), Tuple.of(1, "manual"));
        Arbitrary<String> deletes = Arbitraries.frequency(Tuple.of(3, "delete-wins"), Tuple.of(1, "update-wins"));
        Arbitrary<String> negativeStock = Arbitraries.of("review", "reverse");
        return Combinators.combine(columns, columns, deletes, negativeStock).as(Schedule.Policies::new);
    }

    private static Arbitrary<List<Member>> members() {
        Arbitrary<Integer> branches = Arbitraries.integers().between(1, BRANCHES.length);
        Arbitrary<Integer> agents = Arbitraries.integers().between(1, AGENTS.length);
        Arbitrary<Boolean> derby = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
        return Combinators.combine(branches, agents, derby).as((b, a, d) -> {
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                members.add(new Member(BRANCHES[i], Schedule.BRANCH, Engine.SQLITE));
            }
            for (int i = 0; i < a; i++) {
                boolean last = i == a - 1;
                members.add(new Member(AGENTS[i], Schedule.AGENT, last && d ? Engine.DERBY : Engine.SQLITE));
            }
            return members;
        }).filter(members -> members.size() >= 3);
    }

    /**
     * Every action, the stock ones more often (a document's effects need several edits to meet): a transfer
     * is received only by an edit at its target after it got there, so receives are tried most.
     */
    private static Arbitrary<Action> actions() {
        List<Tuple.Tuple2<Integer, Action>> weighted = new ArrayList<>();
        for (Action action : Action.values()) {
            int weight = action == Action.STOCK_RECEIVE ? 4 : action == Action.STOCK_TRANSFER ? 3
                    : Editor.STOCK.contains(action) ? 2 : 1;
            weighted.add(Tuple.of(weight, action));
        }
        return Arbitraries.frequency(weighted);
    }

    private static Arbitrary<Schedule.Step> steps(int nodes) {
        Arbitrary<Integer> node = Arbitraries.integers().between(0, nodes - 1);
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 11);
        Arbitrary<Schedule.Step> edit = Combinators.combine(Arbitraries.integers().between(0, nodes),
                actions(), small, small).as(Schedule.Edit::new);
        Arbitrary<Schedule.Step> send = node.map(Schedule.Send::new);
        Arbitrary<Schedule.Step> serve = node.map(Schedule.Serve::new);
        Arbitrary<Schedule.Step> deliver = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.frequency(Tuple.of(12, Fault.DELIVER), Tuple.of(4, Fault.DROP),
                        Tuple.of(4, Fault.DUPLICATE), Tuple.of(1, Fault.DAMAGE))).as(Schedule.Deliver::new);
        Arbitrary<Schedule.Step> sync = node.map(Schedule.Sync::new);
        Arbitrary<Schedule.Step> restart = Arbitraries.integers().between(0, nodes).map(Schedule.Restart::new);
        return Arbitraries.frequencyOf(Tuple.of(16, edit), Tuple.of(6, send), Tuple.of(6, serve),
                Tuple.of(16, deliver), Tuple.of(2, sync), Tuple.of(1, restart));
    }
}
