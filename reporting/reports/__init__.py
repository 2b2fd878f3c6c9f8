"""Reports as a domain: answers in and out of the database, snapshots, and the workflow."""
