package dev.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.loadtest.UserPlan.PlannedUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPlanTest {

    private static Options options(String... args) {
        return ((Command.Run) OptionParser.parse(List.of(args))).options();
    }

    @Test
    void slicesCoverEveryUserOnceAndKeepRoomsWhole() {
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UserPlan plan = new UserPlan(options("--users", "95", "--room-size", "10", "--run-id", "x",
                    "--slice", i + "/3"));
            plan.users().forEach(user -> seen.add(user.index()));
            assertThat(plan.rooms()).noneMatch(Room::shared);
        }
        assertThat(seen).hasSize(95).doesNotHaveDuplicates();
    }

    @Test
    void oneBigRoomSplitOverProcessesIsShared() {
        UserPlan plan = new UserPlan(options("--scenario", "broadcast", "--users", "100", "--run-id", "x",
                "--slice", "1/2"));
        assertThat(plan.users()).hasSize(50);
        assertThat(plan.rooms()).singleElement().matches(Room::shared);
        assertThat(plan.rooms().get(0).senders()).isEqualTo(5);
    }

    @Test
    void usersSpreadOverTargetsAndNameTheirRoomsAfterTheRun() {
        UserPlan plan = new UserPlan(options("--users", "20", "--room-size", "10", "--run-id", "abc",
                "--url", "ws://127.0.0.1:1,ws://127.0.0.1:2"));
        List<PlannedUser> users = plan.users();
        assertThat(users.get(0).target().getPort()).isEqualTo(1);
        assertThat(users.get(1).target().getPort()).isEqualTo(2);
        assertThat(users.get(15).room().name()).isEqualTo("lt-abc-1");
        assertThat(plan.uriFor(users.get(0), -1)).isEqualTo("/ws/chat/lt-abc-0/?name=lt-u0");
    }
}
