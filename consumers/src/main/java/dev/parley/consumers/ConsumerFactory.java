package dev.parley.consumers;

/** Makes the consumer for one new connection; called once per connection, before {@link Consumer#connect}. */
@FunctionalInterface
public interface ConsumerFactory {

    Consumer create(Connection connection);
}
