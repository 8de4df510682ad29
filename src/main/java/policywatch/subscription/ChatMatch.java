package policywatch.subscription;

import java.util.List;

import policywatch.query.Hit;

/**
 * The subscriptions of one chat that matched a document.
 *
 * @param chatId the chat
 * @param subscriptions the matching subscriptions, by id
 * @param hits every matched term, from all of them
 */
public record ChatMatch(long chatId, List<Subscription> subscriptions, List<Hit> hits) {
}
