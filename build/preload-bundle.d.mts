export interface ContractNames {
  channels: string[];
  events: string[];
}
export function readContractNames(): Promise<ContractNames>;
export function bundlePreload(options?: { write?: boolean }): Promise<{ names: ContractNames; code: string | undefined }>;
