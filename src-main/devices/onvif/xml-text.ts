// The `onvif` library pastes arguments into its SOAP bodies as they are; escape anything
// that came from the operator or the device before handing it over.
export function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}
