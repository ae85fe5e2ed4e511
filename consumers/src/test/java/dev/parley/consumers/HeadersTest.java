package dev.parley.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void namesAreComparedWithoutCaseAndValuesKeepTheirOrder() {
        Headers headers = Headers.of(Map.of("Cookie", List.of("a=1"), "X-Forwarded-For", List.of("10.0.0.1", "10.0.0.2")));

        assertThat(headers.first("cookie")).hasValue("a=1");
        assertThat(headers.all("x-forwarded-for")).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(headers.first("X-FORWARDED-FOR")).hasValue("10.0.0.1");
        assertThat(headers.all("origin")).isEmpty();
        assertThat(headers.first("origin")).isEmpty();
    }

    @Test
    void namesThatDifferOnlyInCaseAreOneHeader() {
        Headers headers = Headers.of(Map.of("Accept", List.of("a"), "accept", List.of("b")));

        assertThat(headers.all("ACCEPT")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aScopeReadsItsHeadersThroughThem() {
        Scope scope = new Scope("/ws/chat/lobby/", Map.of("room", "lobby"), Map.of(),
                Headers.of(Map.of("User-Agent", List.of("test"))), "127.0.0.1:1", List.of(), User.guest("ada"));

        assertThat(scope.header("user-agent")).hasValue("test");
        assertThat(Scope.of("/", Map.of(), User.guest("ada")).header("user-agent")).isEmpty();
    }
}
