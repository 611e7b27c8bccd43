// Request and response schemas of the portal API.
export {};
