package dev.parley.examples.poll;

import java.util.List;

/**
 * A question and the options to vote for.
 *
 * @param id       the poll's name in paths, {@code lunch} in {@code /ws/poll/lunch/}
 * @param question what is asked
 * @param options  what may be voted for, in the order shown
 */
public record Poll(String id, String question, List<String> options) {

    /** What a poll's id may hold: it is part of a path and of a group name. */
    public static final String ID_PATTERN = "[a-z0-9-]{1,40}";

    public Poll {
        if (!id.matches(ID_PATTERN)) {
            throw new IllegalArgumentException("a poll id is 1 to 40 of a-z, 0-9 and '-': " + id);
        }
        options = List.copyOf(options);
    }

    /** The channel-layer group of the poll's voters, to which each new result is sent. */
    public String group() {
        return "poll." + id;
    }
}
