-- Subscribes the session to ticket changes, sent by gm_ticket_notify (R__40_tickets.sql) as "id grid_code status"
LISTEN gridmap_ticket
