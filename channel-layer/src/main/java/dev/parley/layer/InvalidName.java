package dev.parley.layer;

/** A channel, group or prefix name breaks the naming rules of {@link LayerNames}. */
public final class InvalidName extends LayerException {

    public InvalidName(String kind, String name) {
        super("invalid " + kind + " name " + quoted(name) + ": use ASCII letters, digits, '-', '_' or '.'"
                + ("channel".equals(kind) ? " (and one '!' for process-local channels)" : "")
                + ", under " + LayerNames.MAX_LENGTH + " characters");
    }

    private static String quoted(String name) {
        if (name == null) {
            return "(none)";
        }
        return name.length() > 120 ? "'" + name.substring(0, 120) + "…'" : "'" + name + "'";
    }
}
