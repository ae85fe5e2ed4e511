package db.migration;

import dev.parley.accounts.NameKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Recomputes every account's {@code name_key} as {@link NameKey#of} (look-alikes fold together) instead of NFKC and
 * lower case, on Postgres and H2 alike. In Java, because the key needs ICU's confusables data.
 *
 * <p>Accounts registered before may now collide ("alice" and "аlice" with a Cyrillic а). None is lost or locked
 * out: the oldest keeps the new key; each later one keeps its old key behind a {@code .}, a character no new key
 * holds, and {@code R2dbcAccountStore#find} looks for that too, so its owner still signs in with the exact name.
 * Nobody can register a look-alike of either any more. The column is widened for that dot (new keys stay within
 * {@link NameKey#MAX_LENGTH}, checked before insert).
 */
public class V5__Name_skeletons extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE accounts ALTER COLUMN name_key SET DATA TYPE VARCHAR(256)");
        }
        List<String[]> accounts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT name_key, name FROM accounts ORDER BY created_at, name_key")) {
            while (rows.next()) {
                accounts.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        // First every key out of the way ('#' + old key, unique as the old keys were), so that no update meets a
        // key another row still holds; then the new keys.
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE accounts SET name_key = ? WHERE name_key = ?")) {
            for (String[] account : accounts) {
                update.setString(1, "#" + account[0]);
                update.setString(2, account[0]);
                update.addBatch();
            }
            update.executeBatch();
            Set<String> taken = new HashSet<>();
            for (String[] account : accounts) {
                String key = NameKey.of(account[1]);
                update.setString(1, taken.add(key) ? key : NameKey.LEGACY_MARK + account[0]);
                update.setString(2, "#" + account[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
