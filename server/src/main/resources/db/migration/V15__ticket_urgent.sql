-- 紧急/一般: a ticket filed as urgent ("老人被困") is listed first and marked on the map; existing ones are ordinary.
ALTER TABLE ticket ADD COLUMN urgent boolean NOT NULL DEFAULT false;
