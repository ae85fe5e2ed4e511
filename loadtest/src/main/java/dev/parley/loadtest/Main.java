package dev.parley.loadtest;

/** Placeholder until the generator lands: prints where to find it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("chat-loadtest");
    }
}
