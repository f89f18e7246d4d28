/** Size rules shared by the authoring schema and the runtime door check: the card is laid out for them. */
export const SUMMARY_MAX = 160;
export const FACT_MAX = 240;
export const FACTS_MIN = 4;
export const FACTS_MAX = 8;
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
