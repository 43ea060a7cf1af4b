// The customer, meter and contract input schemas live in schemas/ so the screens validate with the same rules
// without importing a service; the service side keeps importing them from here.
export * from '@/schemas/customer-input';
