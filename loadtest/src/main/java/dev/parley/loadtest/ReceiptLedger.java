package dev.parley.loadtest;

import java.util.HashSet;
import java.util.Set;

/**
 * What one receiver got from each sender of its room, by the sender's counter: a new message, one it already had
 * (a duplicate), or one that arrived after a later one (still new). Keeps an int per sender and only the gaps,
 * so rooms of hundreds cost little per receiver. Used on the receiver's event loop only.
 */
final class ReceiptLedger {

    enum Receipt {
        NEW, DUPLICATE
    }

    private final int[] highest;
    private Set<Long> gaps = Set.of();

    ReceiptLedger(int senders) {
        this.highest = new int[senders];
    }

    Receipt accept(int senderSlot, int counter) {
        if (senderSlot < 0 || senderSlot >= highest.length || counter < 1) {
            return Receipt.DUPLICATE; // Not a message any sender of this room can have sent: never count it as new.
        }
        int top = highest[senderSlot];
        if (counter == top + 1) {
            highest[senderSlot] = counter;
            return Receipt.NEW;
        }
        if (counter > top + 1) {
            if (gaps.isEmpty()) {
                gaps = new HashSet<>();
            }
            for (int missing = top + 1; missing < counter; missing++) {
                gaps.add(key(senderSlot, missing));
            }
            highest[senderSlot] = counter;
            return Receipt.NEW;
        }
        return !gaps.isEmpty() && gaps.remove(key(senderSlot, counter)) ? Receipt.NEW : Receipt.DUPLICATE;
    }

    private static long key(int slot, int counter) {
        return ((long) slot << 32) | counter;
    }
}
