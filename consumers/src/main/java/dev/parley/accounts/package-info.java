/**
 * Accounts people sign in with: {@link dev.parley.accounts.Account}, the {@link dev.parley.accounts.AccountStore}
 * contract (kept by {@code dev.parley.store}), and {@link dev.parley.accounts.NameKey}, which tells look-alike names
 * apart; and {@link dev.parley.accounts.JoinedRooms}, the rooms each user joined. The gateway's session middleware and sign-in API use them; the chat uses names only.
 */
package dev.parley.accounts;
