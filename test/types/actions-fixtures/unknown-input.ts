// A misspelt input of a bound action is a type error on its own line.
import { actionsCheckout } from "./bindings/actions-checkout.js";

export const misspelt = actionsCheckout({
  name: "Check out",
  with: {
    "fetch-dpeth": 0, // error: TS2353 "does not exist in type 'ActionsCheckoutWith'"
  },
});
