// Request and response schemas of the payments API.
export {};
