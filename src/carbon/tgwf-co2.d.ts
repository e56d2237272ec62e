// @tgwf/co2 ships no type declarations; these cover the data exports edgewatt reads.
declare module '@tgwf/co2/data' {
  export const averageIntensity: { data: Record<string, number>; type: 'average' };
  export const marginalIntensity: { data: Record<string, string>; type: 'marginal'; year: string };
  interface ElectricityMapsZone {
    zone: { zoneName: string };
    carbonIntensity: { value: number; unit: string };
    renewableEnergy?: { value: number; unit: string };
    carbonFreeEnergy?: { value: number; unit: string };
  }
  interface ElectricityMapsYear {
    data: Record<string, ElectricityMapsZone>;
    methodology: string;
  }
  export const electricityMaps: {
    yearly2021: ElectricityMapsYear;
    yearly2022: ElectricityMapsYear;
    yearly2023: ElectricityMapsYear;
    yearly2024: ElectricityMapsYear;
    yearly2025: ElectricityMapsYear;
  };
}
