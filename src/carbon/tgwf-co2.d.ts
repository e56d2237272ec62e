// @tgwf/co2 ships no type declarations; these cover the data exports edgewatt reads.
declare module '@tgwf/co2/data' {
  export const averageIntensity: { data: Record<string, number>; type: 'average' };
  export const marginalIntensity: { data: Record<string, string>; type: 'marginal'; year: string };
}

declare module '@tgwf/co2/data/electricity-maps' {
  interface ElectricityMapsZone {
    zone: { zoneName: string };
    carbonIntensity: { value: number; unit: string };
  }
  interface ElectricityMapsYear {
    data: Record<string, ElectricityMapsZone>;
    methodology: string;
  }
  export const yearly2021: ElectricityMapsYear;
  export const yearly2022: ElectricityMapsYear;
  export const yearly2023: ElectricityMapsYear;
  export const yearly2024: ElectricityMapsYear;
  export const yearly2025: ElectricityMapsYear;
}
