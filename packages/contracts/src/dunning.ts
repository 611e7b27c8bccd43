// Request and response schemas of the dunning API.
export {};
