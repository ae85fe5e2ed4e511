package dev.parley.gateway.ws;

import dev.parley.consumers.Handshake;
import dev.parley.consumers.Scope;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;

/** A handshake on its way through the middleware: what they see, and the answer any of them may give. */
public final class PendingHandshake implements Handshake {

    private final ServerWebSocket socket;
    private final Promise<Integer> answer;
    private final String clientAddress;
    private final List<Runnable> cleanups = new ArrayList<>();
    private Scope scope;
    private boolean ended;

    PendingHandshake(ServerWebSocket socket, Promise<Integer> answer, Scope scope, String clientAddress) {
        this.socket = socket;
        this.answer = answer;
        this.scope = scope;
        this.clientAddress = clientAddress;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    /** The scope the middleware just handed on. */
    void handOn(Scope next) {
        scope = next;
    }

    @Override
    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public boolean secure() {
        return socket.isSsl();
    }

    @Override
    public Future<Integer> decided() {
        return answer.future();
    }

    /** Whether there is nothing more to decide: answered (by a deadline, say), or the client has gone. */
    boolean over() {
        return answer.future().isComplete() || socket.isClosed();
    }

    @Override
    public void onEnd(Runnable cleanup) {
        if (ended) {
            cleanup.run();
        } else {
            cleanups.add(cleanup);
        }
    }

    @Override
    public boolean refuse(int httpStatus) {
        return answer.tryComplete(httpStatus);
    }

    /** The connection has ended, or never opened: gives back what the middleware took, once. */
    void end() {
        if (!ended) {
            ended = true;
            cleanups.forEach(Runnable::run);
            cleanups.clear();
        }
    }
}
