package dev.parley.layer.testing;

import io.lettuce.core.MigrateArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real Redis Cluster of the test's own: 3 masters and 3 replicas, each a {@link RedisServerProcess} on a free
 * port with its files in its own temporary directory, joined by {@code redis-cli --cluster create}. A test can kill
 * the master serving a key (its replica is promoted), restart a node, and move a slot to another master. If
 * redis-server or redis-cli is missing, the test stops by the {@link MissingService} rule.
 */
public final class RedisClusterProcess implements AutoCloseable {

    /** Short, so a killed master's replica takes over in seconds (Redis's default is 15 s). */
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READY = Duration.ofSeconds(60);

    private static RedisClusterProcess shared;

    private final List<RedisServerProcess> nodes;
    private final String password;

    private RedisClusterProcess(List<RedisServerProcess> nodes, String password) {
        this.nodes = nodes;
        this.password = password;
    }

    /** Starts 6 nodes, makes them a cluster of 3 masters with a replica each, and waits for cluster_state:ok. */
    public static RedisClusterProcess start() {
        return start("");
    }

    /** As {@link #start()}, every node asking for this password ({@code requirepass}); empty for none. */
    public static RedisClusterProcess start(String password) {
        Path cli = RedisServerProcess.findBinary("redis-cli").orElseGet(() -> MissingService.stop("the redis-cli program",
                "redis-cli not found on PATH or beside /usr/bin/redis-server; install it (apt-get install redis-tools)"));
        List<RedisServerProcess> nodes = new ArrayList<>();
        RedisClusterProcess cluster = new RedisClusterProcess(nodes, password);
        List<String> arguments = new ArrayList<>(List.of("--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT.toMillis()),
                // A replica takes over however long ago it last heard from its master.
                "--cluster-replica-validity-factor", "0"));
        if (!password.isEmpty()) {
            arguments.addAll(List.of("--requirepass", password, "--masterauth", password));
        }
        try {
            for (int i = 0; i < 6; i++) {
                nodes.add(RedisServerProcess.start(arguments));
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            if (!password.isEmpty()) {
                create.addAll(List.of("-a", password, "--no-auth-warning"));
            }
            run(create);
            cluster.awaitHealthy();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * One cluster for the tests of this JVM that neither kill nor move anything (each uses its own key prefix);
     * started on first use, removed at exit by {@link RedisServerProcess}'s shutdown hook.
     */
    public static synchronized RedisClusterProcess shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** The seed URLs of every node, comma-separated, as {@code CHAT_REDIS_URL} takes them (with the password). */
    public String urls() {
        return String.join(",", nodes.stream().map(this::url).toList());
    }

    /** The URL of one node, enough as a seed (with the password). */
    public String url() {
        return url(nodes.get(0));
    }

    private String url(RedisServerProcess node) {
        return password.isEmpty() ? node.url() : "redis://:" + password + "@127.0.0.1:" + node.port();
    }

    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The hash slot of a key or sharded channel. */
    public static int slotOf(String key) {
        return SlotHash.getSlot(key);
    }

    /** The running master serving a slot now. */
    public RedisServerProcess masterOf(int slot) {
        for (RedisServerProcess node : running()) {
            ClusterNode owner = topology(node).stream().filter(n -> n.master() && n.serves(slot)).findFirst().orElse(null);
            if (owner != null) {
                return nodes.stream().filter(n -> n.port() == owner.port()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("slot " + slot + " served by unknown " + owner));
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    /** The running masters, each once. */
    public List<RedisServerProcess> masters() {
        return running().stream().filter(node -> info(node, "replication").contains("role:master")).toList();
    }

    /**
     * Kills (SIGKILL) the master serving a slot and waits until its replica has taken over and every live node says
     * cluster_state:ok. Returns the killed node, which {@link #restart} brings back (as a replica).
     */
    public RedisServerProcess killMasterOf(int slot) {
        RedisServerProcess master = masterOf(slot);
        master.kill();
        awaitTakeOver(slot, master);
        return master;
    }

    /** Waits until a node other than {@code old} serves the slot and every live node says cluster_state:ok. */
    public void awaitTakeOver(int slot, RedisServerProcess old) {
        Eventually.await(() -> {
            try {
                return masterOf(slot) != old;
            } catch (IllegalStateException e) {
                return false; // the old master is marked failed, and no replica promoted yet
            }
        }, "a replica to take over slot " + slot, READY);
        awaitHealthy();
    }

    /** Restarts a node (stopping it first if it runs) and waits until the cluster is ok on every node. */
    public void restart(RedisServerProcess node) {
        node.restart();
        awaitHealthy();
    }

    /**
     * Moves a slot, with its keys, to another master, as {@code redis-cli --cluster reshard} does: IMPORTING on the
     * target, MIGRATING on the source, MIGRATE of its keys, then SETSLOT NODE on every master.
     */
    public void migrateSlot(int slot, RedisServerProcess target) {
        RedisServerProcess source = masterOf(slot);
        if (source == target) {
            throw new IllegalArgumentException("slot " + slot + " already lives on port " + target.port());
        }
        String sourceId = call(source, RedisCommands::clusterMyId);
        String targetId = call(target, RedisCommands::clusterMyId);
        call(target, redis -> redis.clusterSetSlotImporting(slot, sourceId));
        call(source, redis -> redis.clusterSetSlotMigrating(slot, targetId));
        while (true) {
            List<String> keys = call(source, redis -> redis.clusterGetKeysInSlot(slot, 100));
            if (keys.isEmpty()) {
                break;
            }
            call(source, redis -> redis.migrate("127.0.0.1", target.port(), 0, 5000,
                    MigrateArgs.Builder.<String>keys(keys)));
        }
        call(target, redis -> redis.clusterSetSlotNode(slot, targetId));
        call(source, redis -> redis.clusterSetSlotNode(slot, targetId));
        for (RedisServerProcess master : masters()) {
            if (master != source && master != target) {
                call(master, redis -> redis.clusterSetSlotNode(slot, targetId));
            }
        }
        awaitHealthy();
        Eventually.await(() -> masterOf(slot) == target, "slot " + slot + " to be served by port " + target.port(), READY);
    }

    /** How many times each command ran, summed over the running nodes ({@code INFO commandstats}). */
    public Map<String, Long> commandCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (RedisServerProcess node : running()) {
            info(node, "commandstats").lines().filter(line -> line.startsWith("cmdstat_")).forEach(line -> {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String calls = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
                counts.merge(name, Long.parseLong(calls), Long::sum);
            });
        }
        return counts;
    }

    /** Resets the command counts on every running node. */
    public void resetCommandCounts() {
        running().forEach(node -> call(node, RedisCommands::configResetstat));
    }

    /** The sharded channels a node has subscribers to ({@code PUBSUB SHARDCHANNELS}). */
    public List<String> shardChannels(RedisServerProcess node, String pattern) {
        return call(node, redis -> redis.pubsubShardChannels(pattern));
    }

    /**
     * Waits until every running node says cluster_state:ok and every running replica has its master's data
     * ({@code master_link_status:up}), so that a master killed next has a replica ready to take over.
     */
    public void awaitHealthy() {
        Eventually.await(() -> running().stream().allMatch(node -> {
            try {
                String replication = info(node, "replication");
                return info(node, null).contains("cluster_state:ok")
                        && (replication.contains("role:master") || replication.contains("master_link_status:up"));
            } catch (RuntimeException e) {
                return false;
            }
        }), "cluster_state:ok on every running node, and every replica in sync", READY);
    }

    @Override
    public void close() {
        nodes.forEach(RedisServerProcess::close);
    }

    private List<RedisServerProcess> running() {
        return nodes.stream().filter(RedisServerProcess::isRunning).toList();
    }

    /** INFO of a section, or CLUSTER INFO when section is null. */
    private String info(RedisServerProcess node, String section) {
        return call(node, redis -> section == null ? redis.clusterInfo() : redis.info(section));
    }

    private List<ClusterNode> topology(RedisServerProcess node) {
        return call(node, RedisCommands::clusterNodes).lines().map(ClusterNode::parse).toList();
    }

    private <T> T call(RedisServerProcess node, Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(RedisURI.create(url(node)));
        client.setDefaultTimeout(Duration.ofSeconds(5));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
    }

    /** One line of CLUSTER NODES: {@code id host:port@bus flags master ping pong epoch link slot-ranges...}. */
    private record ClusterNode(int port, boolean master, List<int[]> slots) {

        static ClusterNode parse(String line) {
            String[] fields = line.trim().split(" ");
            String address = fields[1].substring(0, fields[1].indexOf('@'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            boolean master = fields[2].contains("master") && !fields[2].contains("fail");
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being migrated or imported
                }
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                slots.add(new int[] {from, range.length > 1 ? Integer.parseInt(range[1]) : from});
            }
            return new ClusterNode(port, master, slots);
        }

        boolean serves(int slot) {
            return slots.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
        }
    }
}
