package io.kvstore.bench.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvstore.bench.history.History;
import io.kvstore.bench.history.Op;
import io.kvstore.bench.history.OpType;
import io.kvstore.bench.history.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Benchmark-sized register histories (20 clients, 10 keys, unique written values, some unknown
 * outcomes) produced by a simulated linearizable store: the checker must accept them within a
 * modest step budget and, once one late read is made stale, reject them.
 */
class LargeHistoryTest {
    private static final Budget BUDGET = Budget.steps(3_000_000);

    @Test
    void simulatedLinearizableStoreIsAccepted() {
        List<Op> ops = simulate(new SplittableRandom(11), 20, 500, 0.05);
        LinearizabilityResult r = LinearizabilityChecker.registers(BUDGET).check(ops);
        assertThat(r.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(r.keys()).hasSize(10);
        for (Map.Entry<String, List<Op>> e : History.byKey(ops).entrySet()) {
            assertThat(StaleReadDetector.check(e.getKey(), e.getValue()).ok()).isTrue();
        }
    }

    @Test
    void oneLateStaleReadIsFoundByBothCheckers() {
        List<Op> ops = new ArrayList<>(simulate(new SplittableRandom(12), 20, 500, 0.05));
        int victim = -1;
        Op oldWrite = ops.stream().filter(op -> op.key().equals("k0") && op.type() == OpType.WRITE && op.isOk())
                .findFirst().orElseThrow();
        for (int i = ops.size() * 9 / 10; i < ops.size() && victim < 0; i++) {
            if (ops.get(i).key().equals("k0") && ops.get(i).type() == OpType.READ && ops.get(i).isOk()) {
                victim = i;
            }
        }
        Op r = ops.get(victim);
        ops.set(victim, new Op(r.index(), r.process(), r.type(), r.key(), null, null, r.invokeNs(), r.completeNs(),
                Outcome.OK, oldWrite.value(), null, null));

        LinearizabilityResult result = LinearizabilityChecker.registers(BUDGET).check(ops);
        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.violations()).singleElement().satisfies(k -> assertThat(k.key()).isEqualTo("k0"));
        StaleReadDetector.Result stale = StaleReadDetector.check("k0", History.byKey(ops).get("k0"));
        assertThat(stale.stale()).singleElement().satisfies(s -> {
            assertThat(s.read().index()).isEqualTo(r.index());
            assertThat(s.source()).isEqualTo(oldWrite);
        });
    }

    /** Clients issue reads and writes back to back; each takes effect at a random instant inside its interval. */
    static List<Op> simulate(SplittableRandom rnd, int clients, int perClient, double unknownRate) {
        record Planned(Op call, long end, long point, boolean unknown) {
        }
        List<Planned> plan = new ArrayList<>();
        long index = 0;
        for (int c = 0; c < clients; c++) {
            long t = rnd.nextInt(100);
            for (int i = 0; i < perClient; i++) {
                long duration = 10 + rnd.nextInt(200);
                String key = "k" + rnd.nextInt(10);
                boolean read = rnd.nextBoolean();
                Op call = Op.invoke(index, c, read ? OpType.READ : OpType.WRITE, key, read ? null : "v" + index, t);
                index++;
                plan.add(new Planned(call, t + duration, t + 1 + rnd.nextLong(duration - 1),
                        rnd.nextDouble() < unknownRate));
                t += duration + rnd.nextInt(20);
            }
        }
        plan.sort(Comparator.comparingLong(Planned::point));
        Map<String, String> state = new HashMap<>();
        List<Op> ops = new ArrayList<>();
        for (Planned p : plan) {
            Op call = p.call();
            boolean applied = !p.unknown() || rnd.nextBoolean();
            if (call.type() == OpType.WRITE && applied) {
                state.put(call.key(), call.value());
            }
            if (p.unknown()) {
                ops.add(call.info(p.end(), "timed out"));
            } else {
                ops.add(call.ok(p.end(), call.type() == OpType.READ ? state.get(call.key()) : null));
            }
        }
        ops.sort(Comparator.comparingLong(Op::completeNs));
        return ops;
    }
}
