package dev.parley.layer.redis;

import dev.parley.layer.ChannelFull;
import dev.parley.layer.ChannelLayer;
import dev.parley.layer.InMemoryChannelLayer;
import dev.parley.layer.InvalidName;
import dev.parley.layer.LayerClosed;
import dev.parley.layer.LayerConfig;
import dev.parley.layer.LayerException;
import dev.parley.layer.LayerMessages;
import dev.parley.layer.LayerNames;
import dev.parley.layer.LayerUnavailable;
import dev.parley.layer.Presence;
import dev.parley.layer.WindowCounter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel layer shared by many nodes through Redis. Like Phoenix PubSub, each node delivers to its own
 * connections itself and Redis carries only what other nodes need: a group send is one Redis command however many
 * members and nodes the group has, received by the nodes that have members in it.
 *
 * <ul>
 *   <li>Process-local channels ({@code prefix.<node>!...}) live in this node's memory; a send from another node
 *   reaches it through this node's topic.</li>
 *   <li>Named channels are Redis lists, shared work queues: each message goes to one receiver on any node.</li>
 *   <li>Group memberships of process-local channels are kept by their node; named members in a Redis set.</li>
 *   <li>Where those live is the {@link RedisBackend}'s: one server, several by name, or a Redis Cluster.</li>
 * </ul>
 */
public final class RedisChannelLayer implements ChannelLayer {

    private static final Logger log = LoggerFactory.getLogger(RedisChannelLayer.class);
    private static final String NODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration POLL_PERIOD = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final RedisLayerOptions options;
    private final String nodeId;
    private final InMemoryChannelLayer local;
    private final AtomicLong droppedNamed = new AtomicLong();
    private final ClientResources resources;
    private final Map<String, NamedChannelPump> pumps = new ConcurrentHashMap<>();
    private final List<Long> timers = new ArrayList<>();
    private volatile RedisBackend backend;
    private volatile RedisKeys keys;
    private volatile GroupSubscriptions groups;
    private volatile PubSubProbe probe;
    private volatile boolean closed;

    private RedisChannelLayer(Vertx vertx, RedisLayerOptions options, ClientResources resources) {
        this.vertx = vertx;
        this.options = options;
        this.nodeId = randomNodeId();
        this.local = new InMemoryChannelLayer(vertx, options.layer());
        this.resources = resources;
    }

    /** Connects to every Redis server of the options; fails with {@link LayerUnavailable} if one cannot be reached. */
    public static Future<RedisChannelLayer> connect(Vertx vertx, RedisLayerOptions options) {
        Context context = vertx.getOrCreateContext();
        // Lettuce's first connection builds thread pools and reflective proxies: seconds on a busy machine,
        // which must not block an event loop.
        return context.<Future<RedisChannelLayer>>executeBlocking(
                        () -> startConnecting(vertx, options, context), false)
                .compose(connected -> connected);
    }

    private static Future<RedisChannelLayer> startConnecting(Vertx vertx, RedisLayerOptions options, Context context) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisChannelLayer layer = new RedisChannelLayer(vertx, options, resources);
        ClientOptions clientOptions = ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is away, commands fail at once instead of piling up in memory.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(10_000)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(options.commandTimeout()).keepAlive(true).build())
                .build();
        CompletableFuture<RedisBackend> connecting = RedisModeDetection.connect(options.urls(), resources, clientOptions)
                .toCompletableFuture();
        CompletionStage<Void> ready = connecting.thenCompose(backend -> {
            layer.backend = backend;
            layer.keys = backend.keys(options.keyPrefix());
            layer.groups = new GroupSubscriptions(backend, layer.keys, layer.local);
            layer.probe = new PubSubProbe(layer.nodeId, backend, layer.keys, layer::resubscribeAll);
            backend.listen(new PubSubRouter(layer.keys, layer.nodeId, layer.local, layer.groups, layer.pumps,
                    layer.probe, () -> layer.closed));
            return backend.subscribe(layer.nodeId, layer.keys.nodeTopic(layer.nodeId));
        });
        return Future.fromCompletionStage(ready, context)
                .map(v -> {
                    log.info("channel layer: {} ({} URL(s) given)", layer.backend.describe(), options.urls().size());
                    return layer.startTimers();
                })
                .recover(e -> {
                    connecting.thenAccept(RedisBackend::close);
                    resources.shutdown();
                    Throwable root = rootCause(e);
                    if (root instanceof RedisModeDetection.MixedRedisModes mixed) {
                        return Future.failedFuture(mixed);
                    }
                    return Future.failedFuture(new LayerUnavailable(
                            "cannot connect to Redis at " + withoutPasswords(String.join(", ", options.urls())) + ": "
                                    + rootMessage(e), e));
                });
    }

    /** Which Redis mode the layer runs in: standalone, sharded over several servers, or a Redis Cluster. */
    public String mode() {
        return backend.describe();
    }

    @Override
    public LayerConfig config() {
        return options.layer();
    }

    /** This node's id, part of its process-local channel names. */
    public String nodeId() {
        return nodeId;
    }

    /** Whether Redis answers and pub/sub delivers (the last probe came back). */
    @Override
    public boolean isHealthy() {
        return !closed && backend.isConnected() && probe.isHealthy();
    }

    /** How many times pub/sub was seen to lose a probe since start. */
    public long pubSubGaps() {
        return probe.gaps();
    }

    /**
     * Presence on the same Redis servers, with this node's id: users of a node that dies disappear within
     * {@code ttl} plus a quarter of it.
     */
    public Presence presence(Duration ttl) {
        return new RedisPresence(vertx, backend, keys, nodeId, ttl);
    }

    /** Window counts shared with every node on this Redis (and key prefix). */
    public WindowCounter windowCounter() {
        return new RedisWindowCounter(vertx, backend, keys);
    }

    /** Groups this node listens to (those with local members, and those in their unsubscribe delay). */
    public int subscribedGroups() {
        return groups.count();
    }

    @Override
    public Future<String> newChannel(String prefix) {
        return guarded(context -> {
            if (!LayerNames.isValidPrefix(prefix)) {
                throw new InvalidName("prefix", prefix);
            }
            String withNode = (prefix.endsWith(".") ? prefix : prefix + ".") + nodeId;
            return local.newChannel(withNode).recover(e -> Future.failedFuture(
                    e instanceof InvalidName ? new InvalidName("prefix", prefix) : e));
        });
    }

    @Override
    public Future<Void> send(String channel, JsonObject message) {
        return guarded(context -> {
            LayerNames.requireChannel(channel);
            JsonObject valid = LayerMessages.frozen(message);
            if (!LayerNames.isProcessLocal(channel)) {
                return sendNamed(channel, valid, context);
            }
            String owner = ownerOf(channel);
            if (owner.equals(nodeId)) {
                return local.send(channel, valid);
            }
            return publish(keys.nodeTopic(owner), owner, NodeMessage.send(channel, valid).encode(), context);
        });
    }

    @Override
    public Future<Receiver> receive(String channel, MessageHandler handler) {
        return guarded(context -> {
            LayerNames.requireChannel(channel);
            if (LayerNames.isProcessLocal(channel)) {
                return local.receive(channel, handler);
            }
            NamedChannelPump pump = pumps.computeIfAbsent(channel, name -> new NamedChannelPump(name,
                    backend, keys, local, () -> pumps.remove(name)));
            return Future.fromCompletionStage(pump.start(), context)
                    .recover(e -> Future.failedFuture(unavailable(e)))
                    .compose(v -> pump.addReceiver(handler));
        });
    }

    @Override
    public Future<Void> groupAdd(String group, String channel) {
        return guarded(context -> {
            LayerNames.requireGroup(group);
            LayerNames.requireChannel(channel);
            if (!LayerNames.isProcessLocal(channel)) {
                return script(LayerScripts.GROUP_ADD, ScriptOutputType.INTEGER, group,
                        new String[] {keys.namedMembers(group)}, context,
                        channel, String.valueOf(options.layer().groupExpiry().toMillis())).mapEmpty();
            }
            String owner = ownerOf(channel);
            if (!owner.equals(nodeId)) {
                return publish(keys.nodeTopic(owner), owner, NodeMessage.groupAdd(group, channel).encode(), context);
            }
            return local.groupAdd(group, channel)
                    .compose(v -> Future.fromCompletionStage(groups.ensure(group), context))
                    .recover(e -> Future.failedFuture(unavailable(e)));
        });
    }

    @Override
    public Future<Void> groupDiscard(String group, String channel) {
        return guarded(context -> {
            LayerNames.requireGroup(group);
            LayerNames.requireChannel(channel);
            if (!LayerNames.isProcessLocal(channel)) {
                return Future.fromCompletionStage(backend.zrem(group, keys.namedMembers(group), channel), context)
                        .<Void>mapEmpty().recover(e -> Future.failedFuture(unavailable(e)));
            }
            String owner = ownerOf(channel);
            if (!owner.equals(nodeId)) {
                return publish(keys.nodeTopic(owner), owner, NodeMessage.groupDiscard(group, channel).encode(), context);
            }
            return local.groupDiscard(group, channel);
        });
    }

    @Override
    public Future<Void> groupSend(String group, JsonObject message) {
        return guarded(context -> {
            LayerNames.requireGroup(group);
            JsonObject valid = LayerMessages.frozen(message);
            // This node's members get it at once, without waiting for Redis; the other nodes get it published,
            // and this node skips its own echo.
            local.deliverToGroup(group, valid);
            String payload = new JsonObject().put("o", nodeId).put("m", valid).encode();
            Future<List<String>> named = script(LayerScripts.GROUP_SEND, ScriptOutputType.MULTI, group,
                    new String[] {keys.namedMembers(group)}, context, keys.groupTopic(group), payload,
                    backend.publishCommand());
            return named.compose(members -> {
                List<Future<Void>> sends = new ArrayList<>();
                for (String member : members) {
                    sends.add(sendNamed(member, valid, context).recover(e -> {
                        if (e instanceof ChannelFull) {
                            droppedNamed.incrementAndGet();
                            return Future.succeededFuture();
                        }
                        return Future.failedFuture(e);
                    }));
                }
                return Future.all(sends).mapEmpty();
            });
        });
    }

    @Override
    public long droppedMessages() {
        return local.droppedMessages() + droppedNamed.get();
    }

    @Override
    public Future<Void> flush() {
        return guarded(context -> local.flush().compose(v ->
                Future.fromCompletionStage(backend.deleteMatching(keys.everything()), context)
                        .recover(e -> Future.failedFuture(unavailable(e)))));
    }

    @Override
    public Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        timers.forEach(vertx::cancelTimer);
        pumps.values().forEach(NamedChannelPump::stop);
        pumps.clear();
        Context context = vertx.getOrCreateContext();
        CompletionStage<Void> closing = backend.close();
        return local.close()
                .compose(v -> Future.fromCompletionStage(closing, context))
                .eventually(v -> shutDownResources())
                .<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }

    private Future<Void> shutDownResources() {
        Promise<Void> down = Promise.promise();
        resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(done -> down.tryComplete());
        return down.future();
    }

    private RedisChannelLayer startTimers() {
        timers.add(vertx.setPeriodic(options.unsubscribeDelay().toMillis(), id -> groups.releaseIdle()));
        timers.add(vertx.setPeriodic(options.probeInterval().toMillis(), id -> probe.tick()));
        timers.add(vertx.setPeriodic(POLL_PERIOD.toMillis(), id -> {
            backend.maintain();
            pumps.values().forEach(NamedChannelPump::take);
        }));
        return this;
    }

    private Future<Void> sendNamed(String channel, JsonObject message, Context context) {
        LayerConfig config = options.layer();
        return this.<Long>script(LayerScripts.SEND, ScriptOutputType.INTEGER, channel,
                        new String[] {keys.channelList(channel)}, context,
                        message.encode(), String.valueOf(config.capacity()),
                        String.valueOf(config.messageExpiry().toMillis()), keys.wakeTopic(channel), "1",
                        backend.publishCommand())
                .compose(queued -> queued == 1L ? Future.succeededFuture()
                        : Future.failedFuture(new ChannelFull(channel, config.capacity())));
    }

    private <T> Future<T> script(RedisScript script, ScriptOutputType output, String routingName, String[] scriptKeys,
                                 Context context, String... args) {
        CompletionStage<T> result = backend.eval(routingName, script, output, scriptKeys, args);
        return Future.fromCompletionStage(result, context).recover(e -> Future.failedFuture(unavailable(e)));
    }

    private Future<Void> publish(String topic, String routingName, String payload, Context context) {
        return Future.fromCompletionStage(backend.publish(routingName, topic, payload), context)
                .<Void>mapEmpty().recover(e -> Future.failedFuture(unavailable(e)));
    }

    private void resubscribeAll() {
        groups.resubscribeAll();
        pumps.values().forEach(NamedChannelPump::resubscribe);
        backend.subscribe(nodeId, keys.nodeTopic(nodeId));
    }

    /** The node of a process-local channel {@code prefix.<node>!...}. */
    private static String ownerOf(String channel) {
        String head = channel.substring(0, channel.indexOf('!'));
        return head.substring(head.lastIndexOf('.') + 1);
    }

    private <T> Future<T> guarded(Function<Context, Future<T>> operation) {
        try {
            if (closed) {
                throw new LayerClosed();
            }
            return operation.apply(vertx.getOrCreateContext());
        } catch (LayerException e) {
            return Future.failedFuture(e);
        } catch (RedisException e) {
            // Lettuce throws at once, rather than failing the command, on a connection it has closed.
            return Future.failedFuture(unavailable(e));
        }
    }

    private static LayerException unavailable(Throwable error) {
        if (error instanceof LayerException layerError) {
            return layerError;
        }
        return new LayerUnavailable("Redis did not answer: " + rootMessage(error), error);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = rootCause(error);
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** URLs for messages and logs: {@code redis://user:***@host}. */
    private static String withoutPasswords(String urls) {
        return urls.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String randomNodeId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("n");
        for (int i = 0; i < 9; i++) {
            id.append(NODE_ALPHABET.charAt(random.nextInt(NODE_ALPHABET.length())));
        }
        return id.toString();
    }
}
