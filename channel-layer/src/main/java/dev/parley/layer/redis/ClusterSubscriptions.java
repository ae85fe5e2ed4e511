package dev.parley.layer.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * This node's sharded subscriptions ({@code SSUBSCRIBE}) on a Redis Cluster, each held on a connection to the
 * master that serves its slot. Lettuce does not move sharded subscriptions when a slot migrates or a replica is
 * promoted, so this does: {@link #reconcile()} (every second, and when the server drops a subscription) drops
 * connections that closed and subscribes every wanted topic again where the current topology puts it. Node
 * connections do not reconnect by themselves, so a node that comes back as a replica never delivers twice.
 */
final class ClusterSubscriptions {

    private final RedisClient nodes;
    private final RedisURI seed;
    private final Supplier<Partitions> topology;
    private final Runnable refreshTopology;
    private final Object lock = new Object();
    private final Set<String> wanted = new HashSet<>();
    private final Map<String, Link> placed = new HashMap<>();
    private final Map<String, Link> links = new HashMap<>();
    private volatile RedisPubSubListener<String, String> listener = new RedisPubSubAdapter<>();
    private boolean closed;

    ClusterSubscriptions(RedisClient nodes, RedisURI seed, ClientOptions options, Supplier<Partitions> topology,
                         Runnable refreshTopology) {
        this.nodes = nodes;
        this.seed = seed;
        this.nodes.setOptions(options.mutate().autoReconnect(false).build());
        this.topology = topology;
        this.refreshTopology = refreshTopology;
    }

    void listen(RedisPubSubListener<String, String> listener) {
        this.listener = listener;
    }

    CompletionStage<Void> subscribe(String topic) {
        synchronized (lock) {
            wanted.add(topic);
            return place(topic);
        }
    }

    void unsubscribe(List<String> topics) {
        synchronized (lock) {
            for (String topic : topics) {
                wanted.remove(topic);
                Link link = placed.remove(topic);
                if (link != null) {
                    link.sunsubscribe(topic);
                }
            }
        }
    }

    /**
     * After the probe saw a message lost: asks for fresh topology, moves what the known one says has moved, and
     * subscribes every topic again where it is (Redis ignores a repeated subscription on one connection).
     */
    void resubscribeAll() {
        refreshTopology.run();
        reconcile();
        synchronized (lock) {
            placed.forEach((topic, link) -> link.connection.thenAccept(c -> {
                try {
                    c.async().ssubscribe(topic);
                } catch (RuntimeException e) {
                    // Closed: the next reconcile drops the connection and places the topic again.
                }
            }));
        }
    }

    /**
     * Moves each wanted topic to the master now serving its slot; drops closed connections. Costs Redis nothing
     * while nothing changed.
     */
    void reconcile() {
        boolean degraded = false;
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (Link link : List.copyOf(links.values())) {
                if (link.isBroken()) {
                    links.remove(link.address);
                    placed.values().removeIf(l -> l == link);
                    link.close();
                    degraded = true;
                }
            }
            for (String topic : wanted) {
                Link current = placed.get(topic);
                String owner = ownerOf(topic);
                if (current == null || owner == null || !current.address.equals(owner)) {
                    degraded = true;
                    if (current != null) {
                        placed.remove(topic);
                        current.sunsubscribe(topic);
                    }
                    place(topic);
                }
            }
            links.values().removeIf(link -> {
                boolean unused = !placed.containsValue(link);
                if (unused) {
                    link.close();
                }
                return unused;
            });
        }
        if (degraded) {
            refreshTopology.run();
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    CompletionStage<Void> close() {
        List<Link> open;
        synchronized (lock) {
            closed = true;
            open = List.copyOf(links.values());
            links.clear();
            placed.clear();
        }
        open.forEach(Link::close);
        return nodes.shutdownAsync();
    }

    /** Under the lock. Subscribes on the owner's connection; a failure leaves the topic for the next reconcile. */
    private CompletionStage<Void> place(String topic) {
        String owner = ownerOf(topic);
        if (owner == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("no master serves the slot of " + topic));
        }
        Link link = links.computeIfAbsent(owner, this::connect);
        placed.put(topic, link);
        return link.connection.thenCompose(c -> c.async().ssubscribe(topic)).whenComplete((v, error) -> {
            if (error != null) {
                synchronized (lock) {
                    placed.remove(topic, link);
                }
            }
        });
    }

    private String ownerOf(String topic) {
        RedisClusterNode master = topology.get().getMasterBySlot(SlotHash.getSlot(topic));
        return master == null ? null : master.getUri().getHost() + ":" + master.getUri().getPort();
    }

    private Link connect(String address) {
        int colon = address.lastIndexOf(':');
        // The seed's password, TLS and timeouts, at the master's address.
        RedisURI uri = RedisURI.builder(seed).withHost(address.substring(0, colon))
                .withPort(Integer.parseInt(address.substring(colon + 1))).build();
        Link link = new Link(address, nodes.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture());
        link.connection.thenAccept(c -> c.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String channel, String message) {
                listener.message(channel, message);
            }

            @Override
            public void sunsubscribed(String channel, long count) {
                serverDropped(link, channel);
            }
        }));
        return link;
    }

    /** An unsubscribe this node did not ask for: the slot moved away from that master. */
    private void serverDropped(Link link, String topic) {
        boolean ours;
        synchronized (lock) {
            ours = wanted.contains(topic) && placed.remove(topic, link);
        }
        if (ours) {
            refreshTopology.run();
        }
    }

    /** A pub/sub connection to one master, by its address. */
    private record Link(String address, CompletableFuture<StatefulRedisPubSubConnection<String, String>> connection) {

        boolean isBroken() {
            return connection.isCompletedExceptionally() || (connection.isDone() && !connection.join().isOpen());
        }

        void sunsubscribe(String topic) {
            connection.thenAccept(c -> {
                try {
                    c.async().sunsubscribe(topic);
                } catch (RuntimeException e) {
                    // Closed: the subscription went with the connection.
                }
            });
        }

        void close() {
            connection.thenAccept(StatefulRedisPubSubConnection::closeAsync);
        }
    }
}
