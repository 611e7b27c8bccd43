// Request and response schemas of the reports API.
export {};
