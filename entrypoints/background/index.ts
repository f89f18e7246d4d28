export default defineBackground(() => {
  // Catalog, badge and message handling: see issue 2.
});
