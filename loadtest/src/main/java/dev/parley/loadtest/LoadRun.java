package dev.parley.loadtest;

import dev.parley.loadtest.RunResult.SharedRoom;
import dev.parley.loadtest.UserPlan.PlannedUser;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One process's run of a scenario, phase by phase: connect over the ramp, settle, measure, drain. Runs on the
 * calling thread, which only paces and waits; the users live on the event loops.
 */
final class LoadRun {

    /** What a child prints when its users have joined; it then waits for {@link #START_LINE} on stdin. */
    static final String CONNECTED_LINE = "@@connected";
    static final String START_LINE = "start";

    private final Options options;
    private final PrintStream out;
    private final RunStats stats;
    private final PhaseClock clock = new PhaseClock();
    private final UserPlan plan;
    private final List<SimulatedUser> users = Collections.synchronizedList(new ArrayList<>());

    LoadRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.plan = new UserPlan(options);
        this.stats = new RunStats(options.threads());
    }

    RunResult run() throws InterruptedException {
        // No thread context class loader switch around every callback: nothing here loads classes by it.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(options.threads()).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10_000).setDisableTCCL(true));
        try {
            return run(vertx);
        } finally {
            closeQuietly(vertx);
        }
    }

    private RunResult run(Vertx vertx) throws InterruptedException {
        if (!vertx.isNativeTransportEnabled()) {
            out.println("note: no native epoll transport (" + vertx.unavailableNativeTransportCause()
                    + "); using Java NIO, which costs the generator more CPU");
        }
        List<Context> contexts = eventLoops(vertx);
        List<GeneratorLoop> loops = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            loops.add(new GeneratorLoop(contexts.get(i), stats.loop(i)));
        }
        List<WebSocketClient> clients = clients(vertx);
        SimulatedUser.Connector connector = (source, connect) -> clients.get(source).connect(connect);
        Optional<ServerProcesses> server = options.serverPids().isEmpty() ? Optional.empty()
                : Optional.of(new ServerProcesses(options.serverPids()));
        boolean idle = options.scenario() == Scenario.IDLE;
        OptionalLong heapBefore = idle ? server.map(ServerProcesses::heapAfterFullGc).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        OptionalLong rssBefore = !idle ? OptionalLong.empty()
                : server.map(ServerProcesses::rssBytes).orElse(OptionalLong.empty());
        GeneratorProbe generator = new GeneratorProbe();
        generator.watchLoops(contexts, stats);
        Sampler sampler = new Sampler(stats, clock, generator, server, new ProgressPrinter(out, ""));
        sampler.start(options.progressInterval().toMillis());

        if (options.warmUpConnections() > 0) {
            int opened = new ConnectWarmUp(options, contexts, connector).run();
            out.println("warm-up: " + opened + " of " + options.warmUpConnections()
                    + " connections opened and closed, not counted");
        }
        connectAll(loops, connector);
        if (stats.held.get() == 0 && options.users() > 0) {
            sampler.stop();
            throw new RunFailed("no connection held (" + stats.failed.sum() + " failed): is a gateway running at "
                    + options.urls() + "?");
        }
        if (options.child()) {
            awaitStartSignal();
        }
        clock.enter(Phase.SETTLE);
        long sendStart = System.nanoTime();
        users.forEach(user -> user.startSending(sendStart));
        ChurnDriver churn = new ChurnDriver(options, plan, loops, connector, stats, clock);
        if (options.scenario() == Scenario.CHURN) {
            churn.start();
        }
        sleep(options.settle().toMillis());

        clock.enter(Phase.MEASURE);
        long measureStart = System.nanoTime();
        long cpuStart = generator.cpuNanos();
        long framesStart = stats.sentAll() + stats.receivedAll();
        server.ifPresent(ServerProcesses::measureStarts);
        Optional<NodeKiller> killer = options.killPid().stream().boxed().findFirst()
                .map(pid -> NodeKiller.schedule(pid, options.killAfter(), out));
        sleep(options.duration().toMillis());
        long measureEnd = System.nanoTime();
        long cpuUsed = generator.cpuNanos() - cpuStart;
        GeneratorCost cost = new GeneratorCost(cpuUsed / 1e9, stats.sentAll() + stats.receivedAll() - framesStart);
        List<ServerFigures.Share> serverShares = server.map(ServerProcesses::measureEnds).orElse(List.of());
        double generatorCpu = 100.0 * cpuUsed / (measureEnd - measureStart);
        long heldAtEnd = stats.held.get();
        Map<String, SharedRoom> sharedRooms = sharedRooms();
        OptionalLong heapAfter = idle ? server.map(ServerProcesses::heapAfterFullGc).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        OptionalLong rssAfter = !idle ? OptionalLong.empty()
                : server.map(ServerProcesses::rssBytes).orElse(OptionalLong.empty());

        clock.enter(Phase.DRAIN);
        churn.stop();
        users.forEach(SimulatedUser::stopSending);
        drain(sharedRooms.isEmpty() && options.scenario() != Scenario.RECONNECT);
        clock.enter(Phase.DONE);
        killer.ifPresent(NodeKiller::cancel);
        sampler.stop();

        Counts counts = counts(heldAtEnd);
        Optional<ServerFigures> serverFigures = server.map(processes -> new ServerFigures(serverShares,
                sampler.serverCpuAverage(), sampler.serverCpuMax(), sampler.serverRssMax(), rssBefore, rssAfter,
                heapBefore, heapAfter, heldAtEnd));
        return new RunResult(options.toJson(), options.scenario().optionName(), 1,
                (measureEnd - measureStart) / 1e9, counts, stats.latencyTotal, stats.ackTotal, stats.connectTotal,
                stats.loopLagTotal, generatorCpu, cost, GeneratorProbe.cores(), serverFigures, sharedRooms,
                sampler.timeline(measureStart), stats.errorCodeCounts(), stats.refusedCodeCounts());
    }

    /** Starts the users evenly over the ramp and waits until each has joined or failed once. */
    private void connectAll(List<GeneratorLoop> loops, SimulatedUser.Connector connector) throws InterruptedException {
        List<PlannedUser> planned = plan.users();
        CountDownLatch settled = new CountDownLatch(planned.size());
        long start = System.nanoTime();
        long rampNanos = options.ramp().toNanos();
        for (int i = 0; i < planned.size(); i++) {
            long due = start + rampNanos * i / Math.max(1, planned.size());
            long wait = due - System.nanoTime();
            if (wait > 2_000_000) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            SimulatedUser user = new SimulatedUser(planned.get(i), plan, options, loopOf(planned.get(i), loops),
                    connector, stats, clock);
            users.add(user);
            user.start().onComplete(done -> settled.countDown());
        }
        long limit = options.connectTimeout().toMillis() * 2 + 5000;
        if (!settled.await(limit, TimeUnit.MILLISECONDS)) {
            out.println("warning: " + settled.getCount() + " users neither joined nor failed within " + limit
                    + " ms of the end of the ramp; measuring without them");
        }
    }

    /**
     * A room's members share an event loop when there are rooms enough to keep every loop busy: a message to the
     * room then wakes one loop for all its receipts, rather than each loop for a few.
     */
    private GeneratorLoop loopOf(PlannedUser user, List<GeneratorLoop> loops) {
        int room = user.index() / options.effectiveRoomSize();
        return loops.get((options.rooms() >= 4 * loops.size() ? room : user.index()) % loops.size());
    }

    /** Waits for every expected delivery (when this process can know them all), at most the drain time. */
    private void drain(boolean canTellWhenDone) throws InterruptedException {
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (System.nanoTime() < deadline) {
            if (canTellWhenDone && stats.delivered() >= stats.expected()) {
                sleep(200); // Late duplicates would still show.
                return;
            }
            sleep(50);
        }
    }

    private Counts counts(long heldAtEnd) {
        long expected = stats.expected();
        long delivered = stats.delivered();
        long duplicates = stats.duplicates();
        long missing = 0;
        long resets = 0;
        long onlyGapFilled = 0;
        if (options.scenario() == Scenario.RECONNECT) {
            expected = 0;
            delivered = 0;
            duplicates = 0;
            for (SimulatedUser user : users) {
                long highest = user.plan().room().highestSeq().get();
                expected += highest;
                delivered += Math.min(highest, user.seqs().held());
                duplicates += user.seqs().duplicates();
                missing += user.seqs().missingUpTo(highest);
                resets += user.seqs().resets();
                onlyGapFilled += user.seqs().onlyByGapFill();
            }
        }
        return new Counts(stats.attempted.sum(), heldAtEnd, stats.peakHeld.get(), stats.failed.sum(),
                stats.dropped.sum(), stats.reconnects.sum(), stats.sentAll(), stats.sent(), stats.acked(), expected,
                delivered, duplicates, stats.receivedAll(), stats.errors.sum(), stats.lateSends.sum(),
                stats.skippedSends.sum(), missing, resets, stats.gapFills.sum(), onlyGapFilled,
                stats.refusedCodeCounts().values().stream().mapToLong(Long::longValue).sum(), stats.retried.sum(),
                stats.givenUp.sum());
    }

    private Map<String, SharedRoom> sharedRooms() {
        Map<String, SharedRoom> shared = new TreeMap<>();
        for (Room room : plan.rooms()) {
            if (room.shared()) {
                shared.put(room.name(), new SharedRoom(room.sentMeasured().sum(), room.connected().get()));
            }
        }
        return shared;
    }

    private void awaitStartSignal() {
        out.println(CONNECTED_LINE);
        out.flush();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals(START_LINE)) {
                // Anything else on stdin is not for us.
            }
            if (line == null) {
                throw new RunFailed("the parent process went away before the start signal");
            }
        } catch (IOException e) {
            throw new RunFailed("could not read the start signal: " + e.getMessage());
        }
    }

    private List<Context> eventLoops(Vertx vertx) throws InterruptedException {
        List<Context> loops = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch deployed = new CountDownLatch(1);
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                loops.add(context);
            }
        }, new DeploymentOptions().setInstances(options.threads())).onComplete(done -> deployed.countDown());
        deployed.await(10, TimeUnit.SECONDS);
        return List.copyOf(loops);
    }

    private List<WebSocketClient> clients(Vertx vertx) {
        List<WebSocketClient> clients = new ArrayList<>();
        int maxPerTarget = options.users() + (int) Math.min(1_000_000, options.rate() * 10) + 1000;
        for (int i = 0; i < options.sourceAddresses().clientCount(); i++) {
            WebSocketClientOptions clientOptions = new WebSocketClientOptions()
                    .setMaxConnections(maxPerTarget)
                    .setConnectTimeout((int) options.connectTimeout().toMillis())
                    .setTryUsePerMessageCompression(false);
            if (!options.sourceAddresses().addresses().isEmpty()) {
                clientOptions.setLocalAddress(options.sourceAddresses().addresses().get(i));
            }
            clients.add(vertx.createWebSocketClient(clientOptions));
        }
        return clients;
    }

    private static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing tens of thousands of sockets can outlast the wait; the process exits anyway.
        }
    }
}
