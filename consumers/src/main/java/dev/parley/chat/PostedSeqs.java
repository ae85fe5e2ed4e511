package dev.parley.chat;

import java.util.LinkedHashSet;

/**
 * The seqs of the messages one connection posted, the latest {@value #KEPT}: how a guest, whose name proves nothing,
 * is known to be the author of a message it edits or deletes. Used from the connection's event loop only.
 */
final class PostedSeqs {

    static final int KEPT = 1_000;

    private final LinkedHashSet<Long> seqs = new LinkedHashSet<>();

    void add(long seq) {
        seqs.add(seq);
        if (seqs.size() > KEPT) {
            seqs.remove(seqs.iterator().next());
        }
    }

    boolean contains(long seq) {
        return seqs.contains(seq);
    }
}
