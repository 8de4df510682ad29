-- One row whose lock serialises replacing the admin-defined subscriptions: nodes of a cluster that
-- start (or reload) at the same moment apply subscriptions.yml one after the other, and the later
-- one finds the rows the first wrote instead of colliding with them.
CREATE TABLE config_lock (
    id INT PRIMARY KEY
);
INSERT INTO config_lock (id) VALUES (1);
