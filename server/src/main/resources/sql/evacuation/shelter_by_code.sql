SELECT s.id, s.shelter_id, s.name, s.capacity, s.occupancy, s.status, s.accessible FROM shelter s WHERE s.shelter_id = ?
