-- /subscribe counts a user's subscriptions across all chats (policywatch.subscription.max-per-user).
CREATE INDEX subscription_created_by ON subscription (created_by);
